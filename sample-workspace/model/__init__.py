from .classifier import SentimentClassifier

__all__ = ["SentimentClassifier"]
