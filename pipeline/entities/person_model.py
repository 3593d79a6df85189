"""PER sequence tagger: a CRF over an article's tokens (syllables), trained on the gold's PER mentions.

Each token is described by its word, its shape, a surname list, title and honorific words before it,
credit and byline contexts, list context, names already found in the article and the rule finder's
own label (pipeline.entities.people); the CRF labels B/I/O. Its mentions are merged with the rules
where those are surer (``combine``), and a short given-name mention is linked to the full name seen
earlier. The estimator is scikit-learn compatible (``fit(texts, spans)``, ``predict(texts)``), saved
with skops (models/person_tagger.skops) and loaded with an explicit allowlist of types. `camket train`
fits it on the training split of the gold corpus.
"""
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex
from sklearn.base import BaseEstimator

from ..tables import load_table
from ..text.normalize import normalize, normalized_span
from ..text.sentences import split_sentences
from . import people as rules

MODEL_PACKAGE, MODEL_FILE = "pipeline.models", "person_tagger.skops"
TRUSTED_TABLE = "person_model_trusted_types"
COMBINE = ("crf", "union", "rules_first")
_PUNCT_STOP = set(",;:.!?()[]\"“”«»…")
CONTEXT = 2  # tokens of context the CRF reads on either side of a run of capitalised words
LEXICON_MIN, LEXICON_RATIO = 3, 0.5  # a name the news writes as a person this often is one here too


@lru_cache(maxsize=1)
def _corp():
    """Company-like words ("Sacombank", "Vinaconex"), from the person_names table."""
    t = load_table("person_names")
    pre = "|".join(map(regex.escape, t["company_prefixes"]))
    suf = "|".join(map(regex.escape, t["company_suffixes"]))
    return regex.compile(rf"^(?:{pre})\w{{3,}}|\w{{3,}}(?:{suf})$")


# ---------------------------------------------------------------- tokens and features

@lru_cache(maxsize=1)
def _tables():
    """Lookup sets for the features (the rule finder's tables plus a few of our own)."""
    t = rules._tables()
    own = load_table("person_names")
    return {
        "surnames": t["surnames"], "honorifics": t["honorifics"], "heads": t["heads"],
        "triggers": t["triggers"], "split": t["split"], "places": t["places"], "major": t["major_places"],
        "place_words": t["place_words"], "admin": t["admin_words"], "org_first": t["org_first"],
        "foreign_stop": t["foreign_stop"], "max_place": t["max_place"],
        "credit": {rules._key(m) for m in own["credit_markers"]},
        "speak": {rules._key(m) for m in own["speaker_verbs"]},
    }


@lru_cache(maxsize=16384)
def _word_info(word):
    """(key, shape, static features) of one token: what does not depend on its neighbours."""
    t = _tables()
    key = rules._key(word)
    if rules._INITIALS.fullmatch(word):
        shape = "X."
    elif word.isdigit():
        shape = "d"
    elif not word[0].isalnum():
        shape = "p"
    elif word.isupper() and len(word) > 1:
        shape = "XX"
    elif word[0].isupper():
        shape = "Xx" if not any(c.isupper() for c in word[1:]) else "XxX"
    else:
        shape = "x"
    feats = ["w=" + key, "sh=" + shape]
    if shape == "x" and rules._is_cap(word):
        shape = "xX"  # a name that starts in lower case: "al-Assad"
    cap = shape in ("Xx", "XX", "X.", "XxX", "xX")
    if key in t["surnames"]:
        feats.append("sur")
    if key in t["honorifics"]:
        feats.append("hon")
    if key in t["split"]:
        feats.append("sw")
    if key in t["places"]:
        feats.append("plc1")
    if key in t["org_first"]:
        feats.append("org1")
    if cap and _corp().search(key):
        feats.append("corp")  # "Sacombank", "Vinaconex", "Petrolimex": a company's name
    if cap and rules._is_foreign(word):
        feats.append("fgn")
        if rules._ascii(word) in t["foreign_stop"]:
            feats.append("fstop")
    if cap:
        feats.append("suf=" + key[-2:])
    return key, shape, cap, feats


_EDGE = ("w-2=<>", "w-1=<>", "w+1=<>", "w+2=<>")


@lru_cache(maxsize=16384)
def _neighbour(word):
    """The features a token gives its neighbours at -2, -1, +1, +2: its word and its shape."""
    key, shape = _word_info(word)[:2]
    return tuple((f"w{d}={key}", f"sh{d}={shape}") for d in ("-2", "-1", "+1", "+2"))


def _head_ends(keys, i, t):
    """Length of a title/honorific phrase ending at token ``i`` (0 if none)."""
    for m in (4, 3, 2, 1):
        if i - m + 1 >= 0 and " ".join(keys[i - m + 1:i + 1]) in t["triggers"]:
            return m
    return 0


def _lex_feature(entry):
    """The lexicon's evidence for a name as a feature value: how often news writes it as a person."""
    if entry is None:
        return "unk"
    person, total = entry
    ratio = person / total
    if person == 0:
        return "no" if total >= 3 else "no1"
    return "hi" if ratio >= 0.5 else "mid" if ratio >= 0.15 else "lo"


def _token_features(text, toks, wanted, rule_tags, seen, credit_starts, byline_from, lexicon=None):
    """{token index: feature list (strings)} for the ``wanted`` tokens of the (normalised) article text."""
    lexicon = lexicon or {}
    t = _tables()
    n = len(toks)
    info = [_word_info(w) for _, _, w in toks]
    keys = [x[0] for x in info]
    caps = [x[2] for x in info]
    heads = {}

    def head(i):
        if i not in heads:
            heads[i] = _head_ends(keys, i, t)
        return heads[i]

    # capitalised runs joined by horizontal space: length and position of each token, places inside, the
    # words around the run, whether a speech verb follows it, and how often the run recurs in the article
    run_len, run_pos, in_place, run_of = [0] * n, [0] * n, [False] * n, [None] * n
    runs, counts = [], {}
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and caps[j + 1] and rules._HSPACE.fullmatch(text[toks[j][1]:toks[j + 1][0]] or "x"):
            j += 1
        words = keys[i:j + 1]
        key = " ".join(words)
        counts[key] = counts.get(key, 0) + 1
        runs.append((i, j, key))
        for k in range(i, j + 1):
            run_len[k], run_pos[k], run_of[k] = j - i + 1, k - i, len(runs) - 1
            m = rules._place_prefix(words[k - i:], t)
            for q in range(k, k + m):
                in_place[q] = True
        i = j + 1
    run_feats = []
    for i, j, key in runs:
        after = keys[j + 1] if j + 1 < n else "<>"
        after2 = after + " " + keys[j + 2] if j + 2 < n else after
        before = keys[i - 1] if i else "<>"
        rf = ["ra=" + after, "rb=" + before, "rf=" + ("1" if counts[key] == 1 else "2" if counts[key] <= 3 else "4"),
              "lex=" + _lex_feature(lexicon.get(key))]
        if after in t["speak"] or after2 in t["speak"]:
            rf.append("spk")
        run_feats.append(rf)
    # lines: first/last token, size, closeness to the end; credit regions
    line_start = [True] * n
    for k in range(1, n):
        line_start[k] = "\n" in text[toks[k - 1][1]:toks[k][0]]
    line_id, lid = [0] * n, 0
    for k in range(n):
        if line_start[k] and k:
            lid += 1
        line_id[k] = lid
    line_sizes = [0] * (lid + 1)
    for k in range(n):
        line_sizes[line_id[k]] += 1
    in_credit = set()
    for k in range(n):
        if toks[k][0] in credit_starts:
            q = k
            while q < n and q < k + 5 and (q == k or (not line_start[q] and caps[q])):
                if toks[q][2] in "()/;":
                    break
                in_credit.add(q)
                q += 1
    dict2 = rules.two_syllable_words()
    out = {}
    for k in wanted:
        key, shape, cap, static = info[k]
        f = list(static)
        f.append(f"rl={min(run_len[k], 5)}")
        f.append(f"rp={min(run_pos[k], 4)}")
        if run_of[k] is not None:
            f.extend(run_feats[run_of[k]])
        for d, slot in ((-2, 0), (-1, 1), (1, 2), (2, 3)):
            q = k + d
            if 0 <= q < n:
                f.extend(_neighbour(toks[q][2])[slot])
            else:
                f.append(_EDGE[slot])
        if k:
            f.append("b=" + keys[k - 1] + "|" + key)
            if head(k - 1):
                f.append("trig")
        if k + 1 < n and not caps[k + 1] and cap and key + " " + keys[k + 1] in dict2:
            f.append("cmp+1")
        if in_place[k]:
            f.append("plc")
        if cap and run_pos[k] == 0:
            # a title or honorific anywhere in the clause before ("Phó Thủ tướng Thường trực X")
            q = k - 1
            while q >= 0 and k - q <= 10 and toks[q][2] not in _PUNCT_STOP:
                if head(q):
                    f.append("tclause")
                    break
                q -= 1
        if line_start[k]:
            f.append("bol")
        if k + 1 == n or line_start[k + 1]:
            f.append("eol")
        size = line_sizes[line_id[k]]
        f.append("ln=" + ("1" if size <= 2 else "s" if size <= 6 else "l"))
        if lid - line_id[k] <= 1:
            f.append("lastlines")
        if toks[k][0] in credit_starts:
            f.append("cred0")
        if k in in_credit:
            f.append("cred")
        if byline_from is not None and toks[k][0] >= byline_from:
            f.append("byl")
        f.append("r=" + (rule_tags[k] or "O"))
        if cap and key in seen:
            f.append("seen=" + seen[key])
        if cap:
            f.append("lex1=" + _lex_feature(lexicon.get(key)))
        out[k] = f
    return out


def _seen_names(text, found):
    """Syllables of the multi-syllable names the rules found in the article: key -> 'last' or 'part'."""
    seen = {}
    for s, e, how in found:
        words = text[s:e].split()
        if len(words) < 2 or how in ("credit", "byline"):
            continue
        for i, w in enumerate(words):
            key = rules._key(w)
            if i == len(words) - 1:
                seen[key] = "last"
            else:
                seen.setdefault(key, "part")
    return seen


class _Article:
    """An article prepared for the tagger: normalised text, tokens, sequences, features, rule output."""

    def __init__(self, source, words=None, lexicon=None):
        self.lexicon = lexicon or {}
        self.original, self.norm = normalized_span(source)
        text = self.text = self.norm.text
        # a Document's sentences are already split on this normalised text: reused, not split again
        self.sentences = getattr(source, "norm_sentences", None)
        self.toks = rules._tokens(text)
        self.credit_starts, self.byline_from = rules._credit_starts(text), rules._byline_start(text)
        glue = None if words is None else [self.norm.from_original(s, e) for s, e in words]
        self.open, self.blocked = [], []
        self.rule = [(p["start"], p["end"], p["how"])
                     for p in rules._people_in(text, glue, keep_how=True, toks=self.toks, credit_starts=self.credit_starts,
                                               byline_from=self.byline_from, open_out=self.open,
                                               blocked_out=self.blocked)]
        tags = [None] * len(self.toks)
        starts = {s: i for i, (s, _, _) in enumerate(self.toks)}
        for s, e, how in self.rule:
            i = starts.get(s)
            if i is None:
                continue
            tags[i] = "B-" + how
            i += 1
            while i < len(self.toks) and self.toks[i][1] <= e:
                tags[i] = "I"
                i += 1
        self.rule_tags = tags
        self.seen = _seen_names(text, self.rule)
        self._feats = self._seqs = None

    def sequences(self, context=CONTEXT):
        """Token index ranges the CRF reads: each run of capitalised words with ``context`` tokens on
        either side, inside its sentence (overlapping windows merged). Lower-case text between them
        holds no name, and skipping it keeps the tagger cheap."""
        if self._seqs is None:
            toks, n, out = self.toks, len(self.toks), []
            caps = [_word_info(w)[2] for _, _, w in toks]
            i = 0
            for s, e in (self.sentences if self.sentences is not None else split_sentences(self.text)):
                while i < n and toks[i][0] < s:
                    i += 1
                j = i
                while j < n and toks[j][1] <= e:
                    j += 1
                cur = None
                for q in range(i, j):
                    if caps[q]:
                        a, b = max(i, q - context), min(j, q + context + 1)
                        if cur and a <= cur[1]:
                            cur[1] = b
                        else:
                            if cur:
                                out.append(tuple(cur))
                            cur = [a, b]
                if cur:
                    out.append(tuple(cur))
                i = j
            self._seqs = out
        return self._seqs

    def features(self):
        """{token index: features} of the tokens in `sequences`."""
        if self._feats is None:
            wanted = [k for a, b in self.sequences() for k in range(a, b)]
            self._feats = _token_features(self.text, self.toks, wanted, self.rule_tags, self.seen,
                                          self.credit_starts, self.byline_from, self.lexicon)
        return self._feats

    def sequence_features(self):
        """[(first token, features of each token)] per sequence."""
        feats = self.features()
        return [(a, [feats[k] for k in range(a, b)]) for a, b in self.sequences()]

    def labels(self, spans):
        """B/I/O labels of the tokens for gold spans given in ORIGINAL offsets."""
        lab = ["O"] * len(self.toks)
        for s, e in spans:
            a, b = self.norm.from_original(s, e)
            first = True
            for i, (ts, te, _) in enumerate(self.toks):
                if ts >= b:
                    break
                if te > a and ts < b:
                    lab[i] = "B" if first else "I"
                    first = False
        return lab


def _bio_spans(toks, tags, offset=0):
    """Token spans (first, last) of B/I runs."""
    spans, cur = [], None
    for i, tag in enumerate(tags):
        k = i + offset
        if tag == "B" or (tag == "I" and cur is None):
            if cur:
                spans.append(cur)
            cur = [k, k]
        elif tag == "I":
            cur[1] = k
        else:
            if cur:
                spans.append(cur)
            cur = None
    if cur:
        spans.append(cur)
    return spans


# ---------------------------------------------------------------- the estimator

class PersonTagger(BaseEstimator):
    """CRF over tokens for PER, merged with the rule finder.

    ``combine``: "crf" (the CRF's mentions, the rules only as a feature), "union" (the rules' mentions
    plus the CRF's that overlap none), or "rules_first" (the CRF's mentions, but a rule mention found
    by a title, a known surname or a credit replaces any CRF mention it overlaps). ``propagate``: a name
    found in the article (or one the lexicon knows as a person) is found again in the capitalised
    segments the rules left undecided. ``respect_blocked``: no CRF mention where the rules read a street,
    school, ship or place named after a person.
    """

    def __init__(self, c1=0.1, c2=0.02, max_iterations=150, combine="crf", min_freq=1, propagate=True,
                 respect_blocked=True):
        self.c1 = c1
        self.c2 = c2
        self.max_iterations = max_iterations
        self.combine = combine
        self.min_freq = min_freq
        self.propagate = propagate
        self.respect_blocked = respect_blocked

    # -- training
    def fit(self, X, y, lexicon=None):
        """X: article texts; y: per article, the gold PER spans [(start, end)] in the texts' offsets;
        ``lexicon``: {name key: (times written as a person, times written)} from unlabelled news
        (`build_lexicon`), kept in the model and read by the features."""
        import sklearn_crfsuite
        import numpy as np

        lexicon = lexicon or {}
        keys = sorted(lexicon)
        self.lexicon_keys_ = "\n".join(keys)
        self.lexicon_counts_ = np.array([lexicon[k] for k in keys], dtype=np.int32).reshape(-1, 2)
        self._lex = dict(lexicon)

        if self.combine not in COMBINE:
            raise ValueError(f"combine must be one of {COMBINE}")
        xs, ys = [], []
        for text, spans in zip(X, y):
            art = text if isinstance(text, _Article) else _Article(text, lexicon=lexicon)  # prepared: CV
            lab = art.labels(spans)
            for a, feats in art.sequence_features():
                xs.append(feats)
                ys.append(lab[a:a + len(feats)])
        crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=self.c1, c2=self.c2, max_iterations=self.max_iterations,
                                   min_freq=self.min_freq, all_possible_transitions=True)
        crf.fit(xs, ys)
        with open(crf.modelfile.name, "rb") as f:
            self.model_bytes_ = f.read()
        self.n_sequences_ = len(xs)
        self.n_tokens_ = sum(len(s) for s in xs)
        self.version_ = 1
        self._tagger = None
        return self

    # -- inference
    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_tagger", None)
        state.pop("_lex", None)
        return state

    def lexicon(self):
        """{name key: (person, total)} kept in the model (built once per process from its arrays)."""
        lex = self.__dict__.get("_lex")
        if lex is None:
            keys = self.lexicon_keys_.split("\n") if getattr(self, "lexicon_keys_", "") else []
            counts = self.lexicon_counts_
            lex = dict(zip(keys, zip(counts[:, 0].tolist(), counts[:, 1].tolist()))) if keys else {}
            self.__dict__["_lex"] = lex
        return lex

    def _crf(self):
        tagger = self.__dict__.get("_tagger")
        if tagger is None:
            import pycrfsuite
            if not hasattr(self, "model_bytes_"):
                raise ValueError("PersonTagger is not fitted")
            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self.model_bytes_)
            self.__dict__["_tagger"] = tagger
        return tagger

    def crf_spans(self, art):
        """(first, last) token spans the CRF labels PER."""
        tagger = self._crf()
        spans = []
        for a, feats in art.sequence_features():
            spans.extend(_bio_spans(art.toks, tagger.tag(feats), a))
        return spans

    def _merged(self, art):
        """Final mentions as (start, end, how) in normalised offsets."""
        toks = art.toks
        crf = [(toks[a][0], toks[b][1], "crf") for a, b in self.crf_spans(art)]
        if self.respect_blocked:  # the rules read these as streets, schools, ships, places: not people
            crf = [c for c in crf if not any(_overlap(c, b) for b in art.blocked)]
        rule = art.rule
        if self.combine == "crf":
            out = crf
        elif self.combine == "union":
            out = list(rule) + [c for c in crf if not any(_overlap(c, r) for r in rule)]
        else:
            sure = [r for r in rule if r[2] in ("name", "credit", "trigger")]
            out = sure + [c for c in crf if not any(_overlap(c, r) for r in sure)]
        if self.propagate:
            out += _repeated(art, out)
        return sorted(set(out))

    def predict(self, X):
        """Per article text, its PER spans [(start, end)] in the text's offsets."""
        out = []
        for text in X:
            out.append([(e["start"], e["end"]) for e in self.people(text)])
        return out

    def people(self, source, words=None):
        """PER entities of ``source`` (a `Document` or a text), as `people.find_people` returns them."""
        art = source if isinstance(source, _Article) else _Article(source, words, self.lexicon())
        found = self._merged(art)
        return [dict(p, text=art.original[s:e], start=s, end=e)
                for p in _entities(art.text, found)
                for s, e in [art.norm.to_original(p["start"], p["end"])]]


def _repeated(art, found):
    """Mentions of names found elsewhere in the article, in capitalised segments the rules left undecided:
    the whole name again, or its last one or two syllables ("Messi", "Hoàng", "Trường Giang")."""
    text, toks = art.text, art.toks
    names = set()
    for s, e, how in found:
        words = [rules._key(w) for w in text[s:e].split()]
        if how in ("credit", "byline") or not words:
            continue
        names.add(" ".join(words))
        if len(words) >= 2:
            names.add(words[-1])
        if len(words) >= 3:
            names.add(" ".join(words[-2:]))
    t = _tables()
    names = {n for n in names if not (" " not in n and (n in t["honorifics"] or n in t["split"] or n in t["places"]))}
    dict2 = rules.two_syllable_words()
    out = []
    for a, b in art.open:
        if any(toks[a][0] < e and s < toks[b][1] for s, e, _ in found):
            continue
        key = " ".join(rules._key(toks[q][2]) for q in range(a, b + 1))
        if _corp().search(key):
            continue
        entry = art.lexicon.get(key)
        known = entry is not None and entry[0] >= LEXICON_MIN and entry[0] >= LEXICON_RATIO * entry[1]
        if key not in names and not known:  # a name of this article, or one the news writes as a person
            continue
        nxt = toks[b + 1][2] if b + 1 < len(toks) else ""
        if nxt[:1].islower() and rules._key(toks[b][2]) + " " + rules._key(nxt) in dict2 \
                and not text[toks[b][1]:toks[b + 1][0]].strip():
            continue  # "Quân đội", "Phương án": a common noun, not the name again
        out.append((toks[a][0], toks[b][1], "repeat"))
    return out


def _overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


def _entities(text, found):
    """Entity dicts (normalised offsets) with values linked to full names and titles."""
    t = rules._tables()
    fulls = [(s, text[s:e]) for s, e, how in found if len(text[s:e].split()) > 1 and how not in ("credit", "byline")]
    out, last_end = [], 0
    for s, e, how in found:
        name = text[s:e]
        words = name.split()
        short = how in ("short", "trigger") or (how == "crf" and len(words) <= 2 and not rules._is_foreign(words[0]))
        value = rules._link(name, fulls, s) if short or (len(words) == 1 and not rules._is_foreign(name)) else name
        title = None if how in ("credit", "byline") else rules._title_before(text, s, t, last_end)
        last_end = e
        out.append({"label": "PER", "text": name, "start": s, "end": e, "value": value, "title": title})
    return out


# ---------------------------------------------------------------- saving and loading

def default_model_path():
    """The trained person tagger shipped inside the package (``models/`` in the repository)."""
    return resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)


def trusted_types():
    """The types a person tagger file may hold beyond those skops trusts by default."""
    return list(load_table(TRUSTED_TABLE)["trusted"])


def save(model, path):
    """Write the fitted tagger with skops, compressed."""
    import zipfile
    import skops.io as sio
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)


def load(path=None):
    """The person tagger, loaded offline trusting only the allowlisted types; the packaged one when
    ``path`` is None. A missing file is an error (never a silent fall-back to the rules)."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException
    from ..errors import CamketError

    if path is None:
        with resources.as_file(default_model_path()) as p:
            return load(p)
    path = Path(path)
    if not path.is_file():
        raise CamketError(f"person tagger not found: {path} (train one with `camket train`)")
    try:
        model = sio.load(path, trusted=trusted_types())
    except UntrustedTypesFoundException:
        extra = set(sio.get_untrusted_types(file=path)) - set(trusted_types())
        raise CamketError(f"person tagger {path} contains types outside the allowlist: "
                          f"{', '.join(sorted(extra))}") from None
    if not isinstance(model, PersonTagger) or not hasattr(model, "model_bytes_"):
        raise CamketError(f"{path} does not hold a fitted camket person tagger")
    return model


@lru_cache(maxsize=1)
def packaged():
    """The packaged person tagger, loaded once per process."""
    return load()


# ---------------------------------------------------------------- training from gold

def build_lexicon(pool_dir, exclude=(), min_total=2):
    """{name key: (person, total)} over unlabelled news (the JSONL files of ``pool_dir``): for each
    capitalised name segment, how many times the rules find it as a person with firm evidence (a title,
    a surname, a foreign name) and how many times it is written at all. Articles in ``exclude`` (every
    gold and test-split article) are skipped, so the lexicon carries nothing of the articles the tagger
    is scored on. A folder without JSONL files is an error, never an empty lexicon."""
    from ..errors import CamketError
    from ..io.jsonl import iter_jsonl
    files = sorted(Path(pool_dir).glob("*.jsonl"))
    if not files:
        raise CamketError(f"no unlabelled articles (JSONL) in {pool_dir} for the person tagger's lexicon")
    exclude = set(exclude)
    person, total = {}, {}
    t = rules._tables()
    for f in files:
        for r in iter_jsonl(f):
            if r["id"] in exclude:
                continue
            text = normalize(r["text"]).text
            toks = rules._tokens(text)
            for run in rules._runs(text, toks):
                for seg in rules._segments(toks, run, t):
                    key = " ".join(rules._key(toks[i][2]) for i in seg)
                    total[key] = total.get(key, 0) + 1
            for found in rules._people_in(text, keep_how=True, toks=toks):
                if found["how"] in ("name", "trigger", "foreign"):
                    key = rules._key(found["text"])
                    person[key] = person.get(key, 0) + 1
    out = {}
    for key, n in total.items():
        m = min(person.get(key, 0), n)
        if n >= min_total or m:
            out[key] = (m, n)
    return out


def training_data(articles):
    """(texts, PER spans) of gold articles (objects with ``text`` and ``gold``), as `PersonTagger.fit`
    takes them."""
    return ([a.text for a in articles],
            [[(e["start"], e["end"]) for e in a.gold.get("entities") or [] if e["label"] == "PER"]
             for a in articles])


def train_tagger(articles, lexicon, **params):
    """A person tagger fitted on gold articles (the caller passes the training split only)."""
    from ..errors import CamketError
    if not articles:
        raise CamketError("no gold articles to train the person tagger on")
    X, y = training_data(articles)
    model = PersonTagger(**params).fit(X, y, lexicon=lexicon)
    model.n_articles_ = len(articles)
    return model


def cross_validate(articles, lexicon, k=5, seed=0, **params):
    """PER scores of the tagger and of the rules alone, k folds grouped by article (the lexicon is built
    from unlabelled articles only, so it holds nothing of the held-out folds)."""
    import random
    from ..evaluate import entity_scores

    ids = list(range(len(articles)))
    random.Random(seed).shuffle(ids)
    folds = [ids[i::k] for i in range(k)]
    texts, spans = training_data(articles)
    prepared = [_Article(text, lexicon=lexicon) for text in texts]  # features do not depend on the fold
    pairs_model, pairs_rules = [], []
    for f in folds:
        held = set(f)
        model = PersonTagger(**params).fit([prepared[i] for i in ids if i not in held],
                                           [spans[i] for i in ids if i not in held], lexicon=lexicon)
        for i in f:
            gold = [e for e in articles[i].gold.get("entities") or [] if e["label"] == "PER"]
            pairs_model.append((gold, model.people(prepared[i])))
            pairs_rules.append((gold, rules.find_people(texts[i])))
    return {"crf+rules": entity_scores(pairs_model, "PER"), "rules": entity_scores(pairs_rules, "PER")}
