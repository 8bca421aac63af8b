"""The max-shift listing of the course notes, part 002 (`c = np.max(a)`;
`np.exp(a - c) / np.sum(np.exp(a - c))`), run on a whole batch: the shift is the largest
score of the batch, and the sum is taken per row (the kit's API). A row far below the
batch's max underflows: exp(-1000) = 0 everywhere in it, and 0 / 0 = nan. (Applied to each
row on its own, the listing is right: ok_seed_002_max_shift.)"""
import numpy as np

CAUGHT_BY = ["batch_rows_far_apart", "matches_reference"]
MISTAKE = "Your softmax subtracts the max of the whole array, np.max(a), so a row far below it becomes 0 / 0 = nan: subtract each row's max, np.max(a, axis=-1, keepdims=True)."
PASSES = ["course_notes_example_no_overflow", "course_notes_example_small", "extreme_scores_stay_finite", "float32_input"]


def softmax(a):
    c = np.max(a)
    return np.exp(a - c) / np.sum(np.exp(a - c), axis=-1, keepdims=True)
