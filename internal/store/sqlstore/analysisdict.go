package sqlstore

import _ "embed"

// analysisDictID names the dictionary the articles' analysis column is
// compressed with now (analysis.dict); rawAnalysisDictID the one before it
// (rawAnalysisDict). A frame records the id of its dictionary, so rows
// written with one stay readable as long as the decoder knows it: a new
// dictionary takes a new id, and the old ones stay registered. (Private
// range of the zstd format, like unitDictID.)
const (
	analysisDictID    = 0x61640002
	rawAnalysisDictID = 0x61640001
)

// analysisDict is a zstd dictionary trained by tools/analysisdict on the
// stored form of the analyses of 294 English Wikinews articles (2019-2020,
// Creative Commons Attribution 2.5, (c) Wikinews contributors; see
// examples/NOTICE.md): the JSON's field names and common values, and the
// words and phrases of news English, with the entropy tables zstd trained
// for them. Articles are compressed one by one, a few KB each, where a
// compressor has no history of its own. Measured on the 10,000 articles
// of bench/synth (the war corpus's paragraphs, text it was not trained
// on), the analysis column takes 2,172 bytes an article with
// rawAnalysisDict, 1,938 with this one (the default level, used now) and
// 1,810 with this one at zstd.SpeedBetterCompression (newCodec says why
// not that level). A
// dictionary that no longer matches the text only costs ratio, never
// correctness.
//
//go:embed analysis.dict
var analysisDict string

// rawAnalysisDict is the raw dictionary analyses were compressed with
// before analysisDict: written here from the shape of the JSON (field
// names, their common values), no article text. Compressed one by one,
// analyses paid for every field name and common value again; with it one
// compressed to about 89 % of its size without it. Kept to read the rows
// written with it.
const rawAnalysisDict = `{"article":{"id":"","url":"https://","site":"","section":null,"title":"","byline":null,` +
	`"published":"2024-01-01T00:00:00Z","language":"en","text":"","boilerplate":[]},` +
	`"sentences":[{"index":0,"paragraph":0,"start":0,"end":0},{"index":1,"paragraph":1,"start":1,"end":1},` +
	`{"index":2,"paragraph":2,"start":2,"end":2}],` +
	`"entities":[{"id":"e1","name":"","type":"organization","affiliation":null,"roles":[],"mentions":[{"text":"","start":0,"end":0}]},` +
	`{"id":"e2","name":"","type":"person","affiliation":"UA","roles":["President"],"mentions":[{"text":"","start":1,"end":1},{"text":"","start":2,"end":2}]},` +
	`{"id":"e3","name":"Ukraine","type":"place","affiliation":null,"roles":[],"mentions":[{"text":"Ukraine","start":3,"end":3}],"country":"UA"},` +
	`{"id":"e4","name":"Russia","type":"place","affiliation":null,"roles":[],"mentions":[{"text":"Russia","start":4,"end":4}],"country":"RU"},` +
	`{"id":"e5","name":"","type":"media","affiliation":"RU","roles":[],"mentions":[{"text":"","start":5,"end":5}]}],` +
	`"statements":[{"id":"s1","speaker":{"entity":"e1","name":"","text":"","type":"organization","role":null,"affiliation":null,"start":0,"end":0},` +
	`"cue":{"text":"said","lemma":"say","start":0,"end":0},"kind":"direct","content":{"text":"","start":0,"end":0},` +
	`"via":[],"stance":"assert","hedged":false,"time":null,"sentence":0},` +
	`{"id":"s2","speaker":{"entity":"e2","name":"","text":"","type":"person","role":null,"affiliation":"US","start":1,"end":1},` +
	`"cue":{"text":"according to","lemma":"according to","start":1,"end":1},"kind":"indirect","content":{"text":"","start":1,"end":1},` +
	`"via":[],"stance":"deny","hedged":true,"time":null,"sentence":1},` +
	`{"id":"s3","speaker":{"entity":"","name":"","text":"","type":"group","role":null,"affiliation":"RU","start":2,"end":2},` +
	`"cue":{"text":"says","lemma":"say","start":2,"end":2},"kind":"mixed","content":{"text":"","start":2,"end":2},` +
	`"via":[],"stance":"assert","hedged":false,"time":null,"sentence":2}],"relations":[]}`
