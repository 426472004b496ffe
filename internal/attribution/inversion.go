package attribution

// inversion makes a statement of a cue whose speaker follows it, after the
// content: "“…,” said Gerasimov.", "…, said the ministry.", and in
// translated news, where a dash stands for the comma, "… - said
// Lukashenko", "“…” - wrote the chancellor". The speaker phrase may be
// preceded by a time or the medium spoken on ("said on Friday the head of
// Russian diplomacy", "said on TVN24 Adam Eberhardt") and followed by the
// occasion ("at the briefing"); the sentence must end there. A cue that
// takes a recipient inverts only after a quotation or a dash, before no
// medium: "“…” - warned the ministry", but in "“…,” told Reuters" the
// phrase after the cue is who was told. It returns the token index to
// continue from and whether it made a statement.
func (x *extractor) inversion(si int, toks []tok, m match) (int, bool) {
	i, j, c := m.i, m.j, m.c
	if i == 0 || !(toks[i-1].is(tPunct, ",") || toks[i-1].kind == tClose || x.signDash(toks, i-1)) {
		return j, false
	}
	if c.obj && toks[i-1].kind == tPunct && !x.signDash(toks, i-1) {
		return j, false
	}
	ra, rb, rok := x.rightNP(toks, j)
	if c.obj && rok {
		if _, medium := mediaLookup(x.lx.media, x.text[toks[ra].s:toks[rb-1].e]); medium {
			rok = false
		}
	}
	// "… - said on TVN24 Adam Eberhardt", "… - said on Friday the head
	// of Russian diplomacy": the medium spoken on (which relays) or a
	// time stands between the cue and the speaker
	var onMedium string
	if !rok || !x.speakerLike(toks[ra:rb]) {
		if k, name := x.beforeSpeaker(toks, j); k > j {
			if ra2, rb2, rok2 := x.rightNP(toks, k); rok2 && x.speakerLike(toks[ra2:rb2]) {
				ra, rb, rok, onMedium = ra2, rb2, rok2, name
			}
		}
	}
	if rok && rb < len(toks) && (toks[rb].low == "who" || toks[rb].low == "which") {
		// "… said a data expert who has worked for one of the rivals."
		for rb < len(toks) && toks[rb].kind != tOpen && !toks[rb].is(tPunct, ".") {
			rb++
		}
		for rb > ra && toks[rb-1].kind == tPunct {
			rb--
		}
	}
	// "… - said the official during a teleconference in Washington"
	end := rb
	if e := x.timeAhead(toks, end); rok && e > end && (e == len(toks) || toks[e].kind == tPunct) {
		end = e // "… said Gina Raimondo last week."
	}
	if rok && end < len(toks) && toks[end].kind == tWord && !toks[end].has(wPrep) {
		// "… said Lukashenko at the meeting": the phrase stopped inside
		// the occasion after the name; the speaker ends before it
		for p := rb - 1; p > ra; p-- {
			if toks[p].kind == tWord && toks[p].has(wPrep) && toks[p].low != "of" {
				// only right after a name ("said Trump's approach in
				// terms of …" is no speaker)
				if toks[p-1].cap && x.speakerLike(toks[ra:p]) {
					rb, end = p, p
				}
				break
			}
		}
	}
	if rok && end+1 < len(toks) && toks[end].is(tWord, "to") && toks[end+1].cap {
		if kind, _ := x.refer(toks[ra].s, toks[end-1].e); kind == refPerson {
			// "… said the Ukrainian ambassador to Poland": the role's
			// country, not a recipient ("… said Dasbach to Wikinews")
			rb, end = end+2, end+2
		}
	}
	if rok && end < len(toks) && toks[end].kind == tWord && toks[end].has(wPrep) {
		e := end + 1
		for e < len(toks) && toks[e].kind == tWord && e-end < 10 {
			e++
		}
		if e == len(toks) || toks[e].kind == tPunct {
			end = e
		}
	}
	if rok && x.speakerLike(toks[ra:rb]) && (end == len(toks) || toks[end].kind == tPunct || toks[end].kind == tOpen) {
		cs, ce, q := x.leftContent(si, toks, i-1)
		if cs < ce {
			st := x.add(si, toks, m, ra, rb, cs, ce, q, false)
			if onMedium != "" {
				st.st.Via = appendVia(st.st.Via, []string{onMedium})
			}
			// "…, says the agriculture minister, Helga Brandt.": the
			// person the apposition names (apposition decides)
			if rb+1 < len(toks) && toks[rb].is(tPunct, ",") {
				e := rb + 1
				for e < len(toks) && toks[e].kind == tWord && toks[e].cap {
					e++
				}
				if e > rb+1 && (e == len(toks) || toks[e].kind == tPunct) {
					x.apposition(st, toks, ra, rb, e)
				}
			}
			x.splitQuote(st, toks, rb)
			return rb, true
		}
	}
	return j, false
}

// signDash reports whether toks[k] is a dash with a space on each side,
// which translated news puts where English puts the comma of an
// attribution after its content, with or without a dash opening the
// quotation: "… it is terrible - he emphasized", "… - said Lukashenko",
// "“…” - wrote the chancellor".
func (x *extractor) signDash(toks []tok, k int) bool {
	if k < 0 || k >= len(toks) || !dashTok(toks[k]) {
		return false
	}
	s, e := toks[k].s, toks[k].e
	if s == 0 || e >= len(x.text) || x.text[s-1] != ' ' && x.text[s-1] != '\n' || x.text[e] != ' ' {
		return false
	}
	if k > 0 && toks[k-1].is(tPunct, ":") {
		return false // "Kabajewa replied: - You see, …": the dash opens a quotation
	}
	// "Mr Lukashenko - who has been in power since 1994 - claimed
	// victory": a dash after another one in the sentence closes an aside;
	// after a pair of them ("… because - as it seems - his services
	// failed - assessed CIA director William Burns") the aside is closed
	// and the dash signs
	dashes := 0
	for _, t := range toks[min(1, k):k] {
		if dashTok(t) && t.s > 0 && x.text[t.s-1] == ' ' && t.e < len(x.text) && x.text[t.e] == ' ' {
			dashes++ // (not the hyphen of "Russian -Ukrainian")
		}
	}
	return dashes%2 == 0
}

// attributionEnds reports whether the sentence ends right after the cue
// ending at toks[k], or after a few words of time, place or medium ("he
// said in an interview with TVN24 on Friday"), not a clause ("has vowed to
// close the border").
func (x *extractor) attributionEnds(toks []tok, k int) bool {
	if k >= len(toks) || toks[k].kind == tPunct {
		return true
	}
	if t := toks[k]; t.kind != tWord || !t.has(wPrep|wTime) || t.low == "to" || t.low == "that" {
		return false
	}
	for p := k + 1; p < len(toks) && p-k < 8; p++ {
		if toks[p].is(tPunct, ".") || toks[p].is(tPunct, ",") {
			return true
		}
	}
	return false
}

// beforeSpeaker returns the index after the time phrases and the medium
// ("on TVN24") that follow an inverted cue at toks[k], and the medium's
// name; k and "" when there are none.
func (x *extractor) beforeSpeaker(toks []tok, k int) (int, string) {
	medium := ""
	for range 2 {
		if name, e := x.mediumAfterPrep(toks, k); e > k {
			k, medium = e, name
			continue
		}
		if e := x.timeAhead(toks, k); e > k {
			k = e
			continue
		}
		if k < len(toks) && toks[k].low == "in" {
			if e := x.timeAhead(toks, k+1); e > k+1 {
				k = e // "in June"
				continue
			}
		}
		break
	}
	return k, medium
}

// mediumAfterPrep returns the medium named right after "on" or "in" at
// toks[k] ("on TVN24", "in Polsat News") and the index of the token after
// it, or k when there is none.
func (x *extractor) mediumAfterPrep(toks []tok, k int) (string, int) {
	if k+1 >= len(toks) || toks[k].kind != tWord || toks[k].low != "on" && toks[k].low != "in" || !toks[k+1].cap {
		return "", k
	}
	for n := min(x.lx.mediaMax, len(toks)-k-1); n >= 1; n-- {
		last := toks[k+n]
		if last.kind != tWord {
			continue
		}
		if name, ok := mediaLookup(x.lx.media, x.text[toks[k+1].s:last.e]); ok {
			return name, k + 1 + n
		}
	}
	return "", k
}
