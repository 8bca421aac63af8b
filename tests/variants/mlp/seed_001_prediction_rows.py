"""The course notes' test-set evaluation (001, part 8): y_hat += y_hat_i, then torch.cat(y_hat, dim=0).

`+=` on a list adds the batch's rows one by one, so torch.cat joins 10-entry rows into one
flat vector and torch.argmax(y_hat, dim=-1) is one number, not a class per image. Adapted to
predict(): batches with x.split(batch_size), the notes' collection, then the argmax.
The network itself trains well: the grader scores its weights (mnist_quick_accuracy) without predict().
"""
import torch

CAUGHT_BY = ["predict_uses_eval_mode", "evaluate_is_accuracy"]
MISTAKE = "Your predict collects outputs with y_hat += y_hat_i, which adds rows one by one so torch.cat gives one flat vector and argmax one number: use y_hat.append(y_hat_i)."
PASSES = ["zero_grad_every_step", "learns_every_class_from_sorted_data", "early_stopping_restores_best_weights",
          "mnist_quick_accuracy"]


def predict(model, images, batch_size=8192):
    model.eval()
    device = next(model.parameters()).device
    x = preprocess(torch.as_tensor(images).to(device))
    y_hat = []
    with torch.no_grad():
        for x_i in x.split(batch_size, dim=0):
            y_hat_i = model(x_i)
            y_hat += y_hat_i
    y_hat = torch.cat(y_hat, dim=0)
    return torch.argmax(y_hat, dim=-1)
