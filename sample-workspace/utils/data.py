"""Datasets for the SageMaker `train` and `validation` channels."""
import json
import os

import torch
from torch.utils.data import DataLoader, Dataset


class JsonLinesDataset(Dataset):
    def __init__(self, channel_dir: str, tokenizer, max_length: int = 128):
        self.items = []
        for name in sorted(os.listdir(channel_dir)):
            if name.endswith(".jsonl"):
                with open(os.path.join(channel_dir, name)) as f:
                    self.items.extend(json.loads(line) for line in f if line.strip())
        self.tokenizer = tokenizer
        self.max_length = max_length

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        item = self.items[idx]
        enc = self.tokenizer(item["text"], truncation=True, padding="max_length",
                             max_length=self.max_length, return_tensors="pt")
        return {
            "input_ids": enc["input_ids"].squeeze(0),
            "attention_mask": enc["attention_mask"].squeeze(0),
            "label": torch.tensor(item["label"], dtype=torch.long),
        }


def make_loader(channel_dir, tokenizer, batch_size, shuffle):
    dataset = JsonLinesDataset(channel_dir, tokenizer)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, num_workers=2)
