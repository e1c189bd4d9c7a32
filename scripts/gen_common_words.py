#!/usr/bin/env python3
"""Regenerates rules/lexicons/common_words.json from a corpus (JSONL.gz with title/text).

usage: scripts/gen_common_words.py ../shared/corpus/ant-arabic-news.jsonl.gz
A word is "common" when it occurs at least 4 times with the article; names listed in the
gazetteers are removed. See the file's "source" note.
"""
import collections, gzip, json, re, sys

D = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def norm(w):
    w = D.sub("", w)
    w = re.sub("[أإآٱ]", "ا", w)
    return w.replace("ى", "ي").replace("ة", "ه")


def main():
    c = collections.Counter()
    with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for w in re.findall("[\u0621-\u064a\u0640\u064b-\u065f]+", d.get("title", "") + " " + d["text"]):
                w = norm(w)
                for pre in ("وال", "بال", "فال", "كال", "لل", "ال"):
                    if w.startswith(pre) and len(w) - len(pre) >= 2:
                        c[w[len(pre):]] += 1
                        break
    names = set()
    for name in ("people", "states", "outlets", "institutions"):
        for e in json.load(open(f"rules/lexicons/{name}.json"))["entries"]:
            for k in ("name_ar", "aliases", "capital", "seats"):
                v = e.get(k)
                for x in ([v] if isinstance(v, str) else (v or [])):
                    for t in norm(x).split():
                        names.add(t[2:] if t.startswith("ال") else t)
    words = [w for w, k in c.most_common() if k >= 4 and w not in names][:20000]
    doc = json.load(open("rules/lexicons/common_words.json"))
    doc["entries"] = [{"role": "common_word", "phrases": words}]
    open("rules/lexicons/common_words.json", "w").write(json.dumps(doc, ensure_ascii=False, indent=0) + "\n")
    print(len(words), "words")


if __name__ == "__main__":
    main()
