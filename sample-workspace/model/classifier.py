"""Sentiment classifier: a pretrained encoder with a small classification head."""
import torch
from torch import nn
from transformers import AutoModel


class SentimentClassifier(nn.Module):
    """Encoder + dropout + linear head.

    ``head_in_features`` must match the encoder's hidden size (768 for
    bert-base-uncased, 512 for the small distilled encoders).
    """

    def __init__(self, encoder_name: str, num_labels: int = 2,
                 head_in_features: int = 512, dropout: float = 0.1):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder_name)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(head_in_features, num_labels)

    def pool(self, hidden_states: torch.Tensor) -> torch.Tensor:
        # [CLS] token representation
        return hidden_states[:, 0, :]

    def forward(self, input_ids, attention_mask):
        outputs = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        pooled = self.dropout(self.pool(outputs.last_hidden_state))
        logits = self.head(pooled)
        return logits
