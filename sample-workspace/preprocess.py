"""Feature preprocessing for the churn model, run as a SageMaker Processing job.

SageMaker copies this file to /opt/ml/processing/input/code/ in the processing container and runs
`python3 /opt/ml/processing/input/code/preprocess.py --train-test-split 0.2`. The raw CSV exports
arrive under /opt/ml/processing/input/data; train and test sets go to /opt/ml/processing/{train,test}.
"""
import argparse
import glob
import os

import numpy as np
import pandas as pd

INPUT_DIR = "/opt/ml/processing/input/data"
OUTPUT_DIR = "/opt/ml/processing"
LABEL = "churned"
CATEGORICAL = ["plan", "region", "payment_method"]


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-test-split", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def load_raw(input_dir):
    files = sorted(glob.glob(os.path.join(input_dir, "*.csv")))
    print(f"Reading {len(files)} input files from {input_dir}")
    return pd.concat((pd.read_csv(f) for f in files), ignore_index=True)


def build_features(df):
    labels = df[LABEL].astype(int)
    features = pd.get_dummies(df.drop(columns=[LABEL, "customer_id"]), columns=CATEGORICAL)
    features = features.fillna(features.median(numeric_only=True))
    return features, labels


def split(features, labels, test_fraction, seed):
    rng = np.random.default_rng(seed)
    mask = rng.random(len(features)) >= test_fraction
    return (features[mask], labels[mask]), (features[~mask], labels[~mask])


def main(args):
    df = load_raw(INPUT_DIR)
    print(f"Loaded {len(df)} rows, {df.shape[1]} columns")
    features, labels = build_features(df)
    (x_train, y_train), (x_test, y_test) = split(features, labels, args.train_test_split, args.seed)
    for name, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        out = os.path.join(OUTPUT_DIR, name, f"{name}.csv")
        pd.concat([y, x], axis=1).to_csv(out, header=False, index=False)
        print(f"Wrote {len(x)} rows to {out}")


if __name__ == "__main__":
    main(parse_args())
