#!/usr/bin/env python3
"""Writes the committed seed corpora of the fuzz targets (fuzz/corpus/<target>/).

Run from the repository root: python3 fuzz/make_seeds.py [CORPUS.jsonl.gz]
Sources (see fuzz/README.md): tests/data/seed.txt, tests/data/corpus-small.jsonl,
rules/lexicons/*.json and short excerpts of every 400th article of the ANT corpus
(../shared/corpus/ant-arabic-news.jsonl.gz). Deterministic: the same inputs give the same
files. Existing files whose names start with "crash-" or "regress-" (inputs found by fuzzing)
are kept; the seed files are rewritten.
"""
import gzip
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def excerpt(text, start, size):
    """About `size` bytes of text from character `start`, cut at whitespace."""
    b = text.encode("utf-8")
    s = len(text[:start].encode("utf-8"))
    chunk = b[s:s + size].decode("utf-8", "ignore")
    cut = chunk.rfind(" ")
    return chunk[:cut] if cut > size // 2 else chunk


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def clear_seeds(target):
    d = os.path.join(OUT, target)
    if not os.path.isdir(d):
        return
    for n in os.listdir(d):
        if n.startswith("seed-"):
            os.remove(os.path.join(d, n))


def main():
    corpus_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "..", "shared", "corpus", "ant-arabic-news.jsonl.gz")
    articles = []
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 400 == 0:
                articles.append(json.loads(line))
    seed = open(os.path.join(ROOT, "tests", "data", "seed.txt"), encoding="utf-8").read()
    small = [json.loads(l) for l in open(os.path.join(ROOT, "tests", "data", "corpus-small.jsonl"),
                                          encoding="utf-8") if l.strip()]
    for t in ["fuzz_normalizer", "fuzz_tokenizer", "fuzz_reader", "fuzz_rules", "fuzz_analyze"]:
        clear_seeds(t)

    # Normalizer and tokenizer: short excerpts (200-700 bytes) from different places.
    for k, a in enumerate(articles):
        text = a["title"] + "\n\n" + a["text"]
        write("fuzz_normalizer", "seed-ant-%02d" % k, excerpt(text, (k * 97) % max(1, len(text) // 2),
                                                             200 + (k * 37) % 500))
        write("fuzz_tokenizer", "seed-ant-%02d" % k, excerpt(text, (k * 53) % max(1, len(text) // 3),
                                                            150 + (k * 29) % 450))
    write("fuzz_normalizer", "seed-seed-article", seed[:1200])
    write("fuzz_tokenizer", "seed-seed-article", seed[1200:2400])

    # Readers: the seed article (web-page layout), plain articles, JSONL records, gzip.
    write("fuzz_reader", "seed-seed-article", seed)
    for k, a in enumerate(articles[:16]):
        body = excerpt(a["text"], 0, 600)
        write("fuzz_reader", "seed-plain-%02d" % k, a["title"] + "\n\n" + body + "\n")
    for k, a in enumerate(articles[16:32]):
        rec = dict(a)
        rec["text"] = excerpt(a["text"], 0, 500)
        write("fuzz_reader", "seed-jsonl-%02d" % k, json.dumps(rec, ensure_ascii=(k % 2 == 1)) + "\n")
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small[:3])
    write("fuzz_reader", "seed-jsonl-small", lines)
    write("fuzz_reader", "seed-gz-small", gzip.compress(
        (json.dumps(small[0], ensure_ascii=False) + "\n").encode("utf-8"), mtime=0))

    # Rules: the head of every lexicon file (category, source, the first entries).
    lex = os.path.join(ROOT, "rules", "lexicons")
    for name in sorted(os.listdir(lex)):
        if not name.endswith(".json"):
            continue
        doc = json.load(open(os.path.join(lex, name), encoding="utf-8"))
        entries = doc.get("entries")
        for n in (1, 4):
            small_doc = {k: v for k, v in doc.items() if k not in ("entries", "description", "fields")}
            if isinstance(entries, list):
                small_doc["entries"] = entries[:n]
            else:
                small_doc["entries"] = entries
            write("fuzz_rules", "seed-%s-%d" % (name[:-5], n),
                  json.dumps(small_doc, ensure_ascii=False, indent=1))

    # Analysis: whole short articles and excerpts with attributions, and the seed article.
    write("fuzz_analyze", "seed-seed-article", seed)
    for k, a in enumerate(articles):
        text = a["title"] + "\n\n" + excerpt(a["text"], 0, 1500 + (k * 211) % 1500)
        write("fuzz_analyze", "seed-ant-%02d" % k, text)


if __name__ == "__main__":
    main()
