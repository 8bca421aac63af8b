"""Correct: the first AND listing of course notes 004, with a threshold theta instead of a bias
(w1, w2, theta = 0.5, 0.5, 0.7; tmp = x1*w1 + x2*w2; 0 if tmp <= theta, 1 if tmp > theta).

Taken as is (the notes' AND already has the kit's signature AND(x1, x2)).
"""


def AND(x1, x2):
    w1, w2, theta = 0.5, 0.5, 0.7
    tmp = x1 * w1 + x2 * w2
    if tmp <= theta:
        return 0
    elif tmp > theta:
        return 1
