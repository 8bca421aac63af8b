"""Feeds the raw pixels 0..255 to the network: the first layer's outputs are 255 times too large."""
import torch

CAUGHT_BY = ["preprocess_scales_to_unit_range", "preprocess_matches_reference"]
MISTAKE = "Your preprocess feeds the raw pixels 0..255 to the network: convert with .float() and divide by 255 so the inputs lie in [0, 1]."
PASSES = ["zero_grad_every_step", "returns_logits_not_probabilities", "predict_uses_eval_mode", "evaluate_is_accuracy"]


def preprocess(images):
    images = torch.as_tensor(images)
    return images.reshape(images.shape[0], -1).float()
