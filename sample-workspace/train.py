"""Fine-tune a sentiment classifier on SageMaker (PyTorch estimator entry point)."""
import argparse
import logging
import os

import torch
from transformers import AutoTokenizer

from model import SentimentClassifier
from utils.data import make_loader
from utils.training import evaluate, train_one_epoch

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
logger = logging.getLogger("train")


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=3e-5)
    parser.add_argument("--encoder", type=str, default="bert-base-uncased")
    parser.add_argument("--model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    parser.add_argument("--validation", type=str,
                        default=os.environ.get("SM_CHANNEL_VALIDATION", "/opt/ml/input/data/validation"))
    return parser.parse_args()


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.encoder)
    train_loader = make_loader(args.train, tokenizer, args.batch_size, shuffle=True)
    val_loader = make_loader(args.validation, tokenizer, args.batch_size, shuffle=False)

    model = SentimentClassifier(args.encoder).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate)

    logger.info("Training on %d examples, validating on %d", len(train_loader.dataset), len(val_loader.dataset))
    for epoch in range(1, args.epochs + 1):
        train_loss = train_one_epoch(model, train_loader, optimizer, device, epoch)
        val_loss, val_accuracy = evaluate(model, val_loader, device)
        logger.info("[Epoch %d] validation val_loss=%.4f val_accuracy=%.4f", epoch, val_loss, val_accuracy)
        logger.info("[Epoch %d] finished, last train loss %.4f", epoch, train_loss)

    os.makedirs(args.model_dir, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(args.model_dir, "model.pt"))
    logger.info("Saved model to %s", args.model_dir)


if __name__ == "__main__":
    main(parse_args())
