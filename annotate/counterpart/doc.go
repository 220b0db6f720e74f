// Package counterpart finds, for a sentence of one article, the sentences of other articles that
// state the same fact, in the same or another language, and says why: shared figures
// (normalised across languages and formats), shared names (folded for accents and
// transliteration) and shared content words (stemmed, and matched across languages through a
// bilingual lexicon and cognates). It flags a possible contradiction when a counterpart states
// the same fact with another figure or the opposite polarity. It also scores the sentences of an
// article by how check-worthy they are.
//
// The package knows neither SQL nor Fyne: storage keeps an index of the keys it computes, the
// CLI and the window present its results.
package counterpart
