"""Multiplies x @ W1 (columns as the weights into a unit) instead of W1 @ x (rows, the kit's convention)."""
CAUGHT_BY = ["forward_course_notes_example", "forward_matches_reference", "output_grads_course_notes_example"]
MISTAKE = "Your forward multiplies x @ W1 and h @ W2, treating columns as the weights into a unit: use W1 @ x and W2 @ h, since row i holds the weights into unit i."
PASSES = ["total_error_course_notes_example", "output_grads_matches_reference", "hidden_grads_matches_reference",
          "step_matches_reference"]


def forward(x, W1, W2):
    h = sigmoid(x @ W1)
    return h, sigmoid(h @ W2)
