"""One epoch of training and an evaluation pass."""
import logging

import torch
from torch import nn

logger = logging.getLogger(__name__)


def evaluate(model, loader, device):
    model.eval()
    correct, total, loss_sum = 0, 0, 0.0
    criterion = nn.CrossEntropyLoss()
    with torch.no_grad():
        for batch in loader:
            inputs = batch["input_ids"].to(device)
            mask = batch["attention_mask"].to(device)
            labels = batch["label"].to(device)
            logits = model(inputs, mask)
            loss_sum += criterion(logits, labels).item() * labels.size(0)
            correct += (logits.argmax(dim=1) == labels).sum().item()
            total += labels.size(0)
    return loss_sum / max(total, 1), correct / max(total, 1)


def train_one_epoch(model, loader, optimizer, device, epoch, log_every=20):
    model.train()
    criterion = nn.CrossEntropyLoss()
    for step, batch in enumerate(loader, start=1):
        inputs = batch["input_ids"].to(device)
        mask = batch["attention_mask"].to(device)
        labels = batch["label"].to(device)
        outputs = model(inputs, mask)
        loss = criterion(outputs, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % log_every == 0:
            accuracy = (outputs.argmax(dim=1) == labels).float().mean().item()
            logger.info("[Epoch %d] step %d/%d loss=%.4f accuracy=%.4f",
                        epoch, step, len(loader), loss.item(), accuracy)
    return loss.item()
