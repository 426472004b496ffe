package claims

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// Shingle and banding parameters, chosen by measurement on the labelled pair
// set of echo_test.go (see TestEchoPrecisionRecall and the package doc).
const (
	// shingleWords is the number of words in one shingle.
	shingleWords = 4
	// numHashes is the signature length.
	numHashes = 128
	// bandRows is the number of signature rows hashed into one band key;
	// numBands = numHashes / bandRows.
	bandRows = 3
	numBands = numHashes / bandRows // 42; the last 2 rows are in no band
)

// Thresholds of IsEcho, chosen by measurement (echo_test.go).
const (
	// echoContainment is the minimum share of the smaller text's shingles
	// found in the larger: a cut ending or added boilerplate keeps it high.
	echoContainment = 0.60
	// echoMinShingles is the number of distinct shingles the smaller text
	// needs before containment means anything: a 20-word brief contained in a
	// long article is a quotation, not a re-publication.
	echoMinShingles = 25
	// echoSigJaccard is the estimated Jaccard similarity above which two
	// signatures alone are taken for echoes (IsEchoSig).
	echoSigJaccard = 0.4
)

// Signature is a MinHash signature of an article's text: for each of 128
// hash functions, the minimum hash over the text's word shingles (4
// consecutive words — lower-cased letter and digit runs, each hashed with
// xxhash — combined in order).
// The share of equal positions in two signatures estimates the Jaccard
// similarity of their shingle sets. A text with no words has every position
// at math.MaxUint64.
type Signature [numHashes]uint64

// Sign returns the MinHash signature of text.
func Sign(text string) Signature {
	return signShingles(shingles(text))
}

// Bands returns the 42 LSH band keys of a signature (42 bands of 3 rows;
// the last 2 of the 128 rows are in no band). Each key hashes the band's
// index together with its rows, so keys of different bands never collide
// by position: two articles share at least one key with probability
// 1-(1-J^3)^42 for Jaccard similarity J (0.68 at J=0.3, 0.94 at J=0.4,
// 0.996 at J=0.5, and 4e-5 for unrelated news at J≈0.01), which makes
// "share a key" the SQL candidate query. Measured on the echo set, 3 rows
// found 99.2% of the positives as candidates against 96.6% for 4 rows.
// An empty signature (no words) has no bands.
func Bands(sig Signature) []uint64 {
	if sig.empty() {
		return nil
	}
	keys := make([]uint64, numBands)
	var buf [8 * (bandRows + 1)]byte
	for b := range numBands {
		binary.LittleEndian.PutUint64(buf[:8], uint64(b))
		for r := range bandRows {
			binary.LittleEndian.PutUint64(buf[8*(r+1):], sig[b*bandRows+r])
		}
		keys[b] = xxhash.Sum64(buf[:])
	}
	return keys
}

// Similarity returns the estimated Jaccard similarity of the shingle sets
// behind two signatures, in [0, 1]. Two empty texts have similarity 0: there
// is nothing to compare.
func Similarity(a, b Signature) float64 {
	if a.empty() || b.empty() {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / numHashes
}

// IsEchoSig reports whether two signatures alone make their texts echoes
// (estimated Jaccard ≥ 0.4). It misses cut endings that keep less than
// about half of the text; prefer IsEcho when the texts are at hand.
func IsEchoSig(a, b Signature) bool {
	return Similarity(a, b) >= echoSigJaccard
}

// IsEcho reports whether b is a near-copy of a, or a of b: the same text
// re-published with other boilerplate, a cut ending, an edited lead or
// another headline. It compares the exact shingle sets: the smaller text
// must have at least 25 distinct 4-word shingles and at least 60% of them
// must occur in the other text (the closest true negative of the echo set,
// two Wikinews stories on one by-election, shares 55%). Which of the two is the origin is for the
// caller to say (the earlier one); IsEcho is symmetric.
func IsEcho(a, b string) bool {
	return echoSets(shingleSet(a), shingleSet(b))
}

// Overlap returns the containment (share of the smaller shingle set found in
// the larger) and the Jaccard similarity of the exact shingle sets of two
// texts, the figures IsEcho decides on.
func Overlap(a, b string) (containment, jaccard float64) {
	return overlap(shingleSet(a), shingleSet(b))
}

func echoSets(a, b Shingles) bool {
	if min(len(a), len(b)) < echoMinShingles {
		return false
	}
	c, _ := overlap(a, b)
	return c >= echoContainment
}

// overlap returns the containment of the smaller set in the larger and
// their Jaccard similarity, by a merge of the two sorted sets.
func overlap(a, b Shingles) (containment, jaccard float64) {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0, 0
	}
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(len(a)), float64(n) / float64(len(a)+len(b)-n)
}

func (s Signature) empty() bool {
	for _, v := range s {
		if v != math.MaxUint64 {
			return false
		}
	}
	return true
}

// words returns the lower-cased runs of letters and digits of text, the
// token definition of the analysis contract.
func words(text string) []string {
	var out []string
	start := -1
	lower := false
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
				lower = false
			}
			if r >= utf8.RuneSelf || unicode.IsUpper(r) {
				lower = true
			}
			continue
		}
		if start >= 0 {
			out = append(out, token(text[start:i], lower))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token(text[start:], lower))
	}
	return out
}

func token(w string, needLower bool) string {
	if needLower {
		return toLower(w)
	}
	return w
}

// toLower lower-cases rune by rune (strings.ToLower maps with
// unicode.ToLower too, with an ASCII fast path).
func toLower(w string) string { return strings.ToLower(w) }

// shingles returns the hashes of the text's word shingles, with repeats.
// A text shorter than one shingle yields one shingle of all its words.
func shingles(text string) []uint64 { return shinglesK(text, shingleWords) }

func shinglesK(text string, k int) []uint64 {
	ws := wordHashes(text)
	if len(ws) == 0 {
		return nil
	}
	k = min(k, len(ws))
	out := make([]uint64, 0, len(ws)-k+1)
	for i := 0; i+k <= len(ws); i++ {
		// An order-sensitive combination of the words' hashes: "troops left
		// Kherson" and "Kherson left troops" are different shingles.
		h := uint64(k)
		for _, w := range ws[i : i+k] {
			h = mix(h*0x9e3779b97f4a7c15 + w)
		}
		out = append(out, h)
	}
	return out
}

// wordHashes returns the xxhash of every word of text (as words defines
// them), lower-casing into one reused buffer instead of a string per word.
func wordHashes(text string) []uint64 {
	out := make([]uint64, 0, len(text)/6)
	buf := make([]byte, 0, 64)
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				buf = append(buf, byte(r))
			} else {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			continue
		}
		if len(buf) > 0 {
			out = append(out, xxhash.Sum64(buf))
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		out = append(out, xxhash.Sum64(buf))
	}
	return out
}

func shingleSet(text string) Shingles { return shingleSetK(text, shingleWords) }

func shingleSetK(text string, k int) Shingles {
	sh := shinglesK(text, k)
	slices.Sort(sh)
	return slices.Clip(slices.Compact(sh))
}

// signShingles computes the MinHash signature. The 128 hash functions are
// splitmix64 finalizers of the shingle hash xor a per-function seed; the
// seeds come from a fixed splitmix64 sequence, so signatures are stable
// across runs and versions (the store keeps them).
func signShingles(sh []uint64) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	if len(sh) == 0 {
		return sig
	}
	var seeds [numHashes]uint64
	s := uint64(0x63726f7373636865) // "crossche"
	for i := range seeds {
		s += 0x9e3779b97f4a7c15
		seeds[i] = mix(s)
	}
	slices.Sort(sh)
	sh = slices.Compact(sh)
	for _, h := range sh {
		for i, seed := range seeds {
			if v := mix(h ^ seed); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// mix is the splitmix64 finalizer, a bijection on uint64 with good avalanche.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
