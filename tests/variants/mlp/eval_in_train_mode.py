"""Never calls model.eval(): validation and predictions run with dropout on."""
import torch
import torch.nn.functional as F

CAUGHT_BY = ["validates_with_dropout_off", "predict_uses_eval_mode"]
MISTAKE = "Your mean_loss and predict never call model.eval(), so validation and predictions run with dropout on: call model.eval() before the forward pass."
PASSES = ["zero_grad_every_step", "returns_logits_not_probabilities", "trains_with_dropout_on"]


def mean_loss(model, x, y, batch_size=8192):
    with torch.no_grad():
        return F.cross_entropy(model(x), y).item()


def predict(model, images, batch_size=8192):
    device = next(model.parameters()).device
    with torch.no_grad():
        return model(preprocess(torch.as_tensor(images).to(device))).argmax(dim=-1)
