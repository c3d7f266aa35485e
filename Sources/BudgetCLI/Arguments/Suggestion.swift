import BudgetText

/// "Did you mean": the nearest known word by edit distance, if it is near enough to be a typo.
enum Suggestion {
    static func nearest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(word), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// What the person probably meant: the candidates that `word` begins (a command cut short,
    /// `rep` → report, repair), else the nearest ones by edit distance, ties kept; at most three.
    static func likely(_ word: String, among candidates: [String]) -> [String] {
        let prefixed = word.isEmpty ? [] : candidates.filter { $0.hasPrefix(word) }
        if !prefixed.isEmpty { return Array(prefixed.prefix(3)) }
        let scored = candidates.map { ($0, distance(Array(word), Array($0))) }
        guard let best = scored.map(\.1).min(), best <= max(2, word.count / 3) else { return [] }
        return Array(scored.filter { $0.1 == best }.map(\.0).prefix(3))
    }

    /// " (did you mean `report` or `repair`?)", each candidate wrapped by `quote`; "" for none.
    static func hint(_ candidates: [String], quote: (String) -> String) -> Message {
        guard !candidates.isEmpty else { return "" }
        return Message(.didYouMeanChoices, Message.alternatives(candidates.map(quote)))
    }

    /// Levenshtein distance, bounded by the short words it is used on.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty, a.count <= 64, b.count <= 64 else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
