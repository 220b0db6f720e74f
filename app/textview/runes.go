package textview

import "unicode/utf8"

// runeSeq is the text as runes, indexed by rune offset: two bytes a rune when every rune of the
// text is in the Basic Multilingual Plane (Latin, Greek, Cyrillic, CJK...), four when one is
// not (an emoji). The common case takes half the memory, and that matters even for speed: a
// new view writes this array for the first time, and the first write to each 4 KB page is a
// page fault, about 10 µs of kernel time on a virtual machine.
type runeSeq struct {
	bmp  []uint16
	wide []rune // the runes when one is outside the BMP; nil otherwise
}

// set fills the sequence with the runes of text, reusing the memory of the previous text when
// it is large enough.
func (s *runeSeq) set(text string) {
	n := utf8.RuneCountInString(text)
	if cap(s.bmp) < n {
		s.bmp = make([]uint16, n)
	}
	b := s.bmp[:n]
	i := 0
	for _, r := range text {
		if r > 0xffff {
			s.bmp, s.wide = b[:0], []rune(text)
			return
		}
		b[i] = uint16(r)
		i++
	}
	s.bmp, s.wide = b, nil
}

// len is the number of runes.
func (s *runeSeq) len() int {
	if s.wide != nil {
		return len(s.wide)
	}
	return len(s.bmp)
}

// at returns the rune at offset i.
func (s *runeSeq) at(i int) rune {
	if s.wide != nil {
		return s.wide[i]
	}
	return rune(s.bmp[i])
}

// str returns the runes [a, b) as a string.
func (s *runeSeq) str(a, b int) string {
	if s.wide != nil {
		return string(s.wide[a:b])
	}
	buf := make([]byte, 0, b-a+8)
	for _, r := range s.bmp[a:b] {
		buf = utf8.AppendRune(buf, rune(r))
	}
	return string(buf)
}
