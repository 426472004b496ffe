package sqlstore

// claimDictID names claimDict in the frames compressed with it (see
// unitDictID: change claimDict only under a new id, and keep the old ones
// registered with the decoder).
const claimDictID = 0x63640001

// claimDict is a raw zstd dictionary for the claims' stored form (the JSON
// of a stripped crosscheck.Claim, and of its brief). Most claims hold one
// statement and compress to a few hundred bytes each, a good part of which
// paid for the field names and status words again in every row. It is
// written here from the shape of the JSON (field names, their common
// values, the words of the link reasons claims.Match gives), no article
// text; the most common shape comes last, nearest the data. A dictionary
// that no longer matches the JSON only costs ratio, never correctness.
const claimDict = `"reasons":["same words (similarity 0.","shared place: ","same predicate: attack (planned or possible)",` +
	`"same doer: Russia","same side: RU","same speaker: ","shared words 0.","same figure: ","same time: ",` +
	`"one denies what the other says","reports what "," days apart","1 day apart","published the same day",` +
	`"repeats ","a copy rather than a new voice: words 0."],"score":0.` +
	`{"claim":{"id":"c"},"statements":12,"evidence":2,"appearances":11}` +
	`{"status":"corroborated","article":"","statement":"s","text":"","since":"2024-01-01T00:00:00Z","independent":"wire"},` +
	`{"status":"disputed","article":"","statement":"s","text":"","since":"2024-01-01T00:00:00Z"},` +
	`{"status":"confirmed_by_adversary","article":"","statement":"s","text":"","since":"2024-01-01T00:00:00Z"}],` +
	`{"article":"","statement":"s2","site":"","published":"","speaker":"","affiliation":"UA","stance":"deny","content":"",` +
	`"echo":true,"link":{"to":"","reasons":[""],"score":1}},` +
	`{"article":"","site":"","url":"","published":"","echo_of":""}]}` +
	`{"id":"c","summary":"","current_status":"unconfirmed","status_history":[{"status":"unconfirmed","since":"2024-01-01T00:00:00Z",` +
	`"article":"","statement":"s1","text":""}],"status":["unconfirmed"],"parties":["RU"],"first_seen":"2024-01-01T00:00:00Z",` +
	`"statements":[{"article":"","statement":"s1","site":"","published":"","speaker":"","affiliation":"RU","stance":"assert",` +
	`"content":"","echo":false,"link":null}],"evidence":[{"status":"unconfirmed","article":"","statement":"s1","text":"",` +
	`"since":"2024-01-01T00:00:00Z"}],"appearances":[{"article":"","site":"","url":"","published":"","echo_of":null}]}`
