"""Correct: the weighted sum as a loop over the inputs instead of np.dot."""


def perceptron(x, w, b):
    total = b
    for i in range(len(x)):
        total += w[i] * x[i]
    if total > 0:
        return 1
    return 0
