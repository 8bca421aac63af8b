"""evaluate returns a percentage (75.0) instead of the share of correct predictions (0.75)."""
import torch

CAUGHT_BY = ["evaluate_is_accuracy"]
MISTAKE = "Your evaluate returns a percentage (e.g. 75.0) instead of the share of correct predictions: return the mean of the matches, a float in [0, 1], without the factor 100."
PASSES = ["predict_uses_eval_mode", "mnist_quick_accuracy"]


def evaluate(model, images, labels):
    predicted = predict(model, images)
    return 100.0 * (predicted == torch.as_tensor(labels).to(predicted.device)).float().mean().item()
