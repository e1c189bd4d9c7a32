#!/usr/bin/env python3
"""Regenerates rules/lexicons/common_words.json from a corpus (JSONL.gz with title/text).

usage: scripts/gen_common_words.py ../shared/corpus/ant-arabic-news.jsonl.gz
A word is "common" when it occurs at least 4 times with the article. The words of the people
gazetteer's names are removed unless the article is frequent on them (30 times or more: أكبر);
institution and state names are made of common words («وزارة», «الصحة») and stay: the
gazetteers cover those names whole. The words of the file's "not_common" list (names of people
in the news written with the article, «العيدودي») are removed as well. Entries after the first (curated
function words and adverbs that never take the article) are kept as they are. See the file's
"source" note.
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
    for name in ("people",):
        for e in json.load(open(f"rules/lexicons/{name}.json"))["entries"]:
            for k in ("name_ar", "aliases"):
                v = e.get(k)
                for x in ([v] if isinstance(v, str) else (v or [])):
                    for t in norm(x).split():
                        names.add(t[2:] if t.startswith("ال") else t)
    doc = json.load(open("rules/lexicons/common_words.json"))
    # Names written with the article that are no office-holder of people.json («العيدودي»).
    names |= {norm(w) for w in doc.get("not_common", [])}
    # A name's word stays common when the article is frequent on it (أكبر: «الأكبر»).
    words = [w for w, k in c.most_common() if k >= 4 and (w not in names or k >= 30)][:20000]
    doc["entries"] = [{"role": "common_word", "phrases": words}] + doc["entries"][1:]
    open("rules/lexicons/common_words.json", "w").write(json.dumps(doc, ensure_ascii=False, indent=0) + "\n")
    print(len(words), "words")


if __name__ == "__main__":
    main()
