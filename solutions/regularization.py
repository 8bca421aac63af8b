"""Against overfitting: dropout and the L2 weight penalty (course notes 000 and 001)."""
import numpy as np


def dropout(x, ratio, train, rng):
    """Inverted dropout: in training, zero each unit with probability `ratio` and rescale the rest.

    Training (train=True): every element of x is dropped (set to 0) independently with
    probability `ratio`; the survivors are divided by (1 - ratio), so the expected
    output equals x and nothing needs rescaling at prediction time.
    Evaluation (train=False): x is returned unchanged (course notes 001: dropout is used
    only while training, not for predictions). Course notes 000 describe the original
    form, which leaves the survivors as they are and scales the outputs down at
    prediction time instead; this one (inverted dropout) does the scaling in training.

    Args:
        x: float array of any shape: a layer's outputs (a batch of them).
        ratio: float in [0, 1): the dropout ratio, the probability of dropping a unit.
        train: bool: True while training, False for evaluation / prediction.
        rng: numpy random Generator to draw the mask from (only used when train is True;
            drawing from it advances it, as it should).

    Returns:
        float array of the same shape as x: each element is either 0 or x / (1 - ratio)
        in training; the values of x in evaluation. Does not change `x` (no x *= mask:
        return a new array); float32 arithmetic is fine.

    Hint: keep = rng.random(x.shape) >= ratio keeps each unit with probability
    1 - ratio. Divide by the keep probability (1 - ratio), not by ratio. Draw with
    the rng you are given, not np.random.*.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    if not train:
        return x.copy()
    keep = rng.random(x.shape) >= ratio
    return x * keep / (1.0 - ratio)
    ### END SOLUTION


def l2_penalty(weights, lam):
    """L2 weight penalty with the 1/2 convention: 0.5 * lam * (sum of every weight squared).

    penalty = 0.5 * lam * sum_W sum_ij W_ij**2, over every array W in `weights`
    (course notes 001: "모든 가중치 w 들의 제곱합을 비용 함수에 추가"). The 1/2 makes its
    gradient simply lam * W, which is what weight_decay=lam of torch.optim (course
    notes 001) adds to each gradient.

    Args:
        weights: list of float arrays of any shapes (the weight matrices of every
            layer); may be empty.
        lam: float >= 0: the regularisation strength (lambda).

    Returns:
        float: the penalty, >= 0 (0.0 for an empty list). Does not change `weights`
        (neither the list nor its arrays); float32 arithmetic is fine.

    Hint: square every element (W ** 2, not the norm itself), sum over every element
    of every array in the list, then multiply by 0.5 * lam once.
    """
    ### BEGIN SOLUTION
    total = sum(float(np.sum(np.square(w))) for w in weights)
    return float(0.5 * lam * total)
    ### END SOLUTION
