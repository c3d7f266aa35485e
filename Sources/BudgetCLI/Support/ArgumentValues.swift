import BudgetText
import BudgetModel

/// Turns argument words into domain values. Each failure names the argument it came from.
extension ParsedArguments {
    func positional(_ index: Int) -> String { positionals[index] }

    /// Whether a switch (an option that takes no value) was given.
    func flag(_ name: String) -> Bool { options[name] != nil }

    func amount(_ index: Int, _ placeholder: String, signed: Bool = false) throws(UsageError) -> Money {
        try amount(positionals[index], placeholder, signed: signed)
    }

    /// An amount given as `text` (a positional or an option's value), named `placeholder` in errors.
    func amount(_ text: String, _ placeholder: String, signed: Bool = false) throws(UsageError) -> Money {
        let money: Money
        do { money = try AmountParser.parse(text, signed: signed) } catch { throw UsageError("\(placeholder): \(error)") }
        if signed {
            guard money.fen != 0 else { throw UsageError(.adjustmentOfZeroChangesNothing, placeholder) }
        } else {
            guard money.fen > 0 else { throw UsageError(.mustBeGreaterThanZero, placeholder, text) }
        }
        return money
    }

    func identifier(_ index: Int, _ placeholder: String) throws(UsageError) -> String {
        let text = positionals[index]
        if let problem = Identifier.problem(with: text) { throw UsageError("\(placeholder) '\(text)' \(problem)") }
        return text
    }

    func identifierOption(_ name: String) throws(UsageError) -> String? {
        guard let text = options[name] else { return nil }
        if let problem = Identifier.problem(with: text) { throw UsageError("--\(name) '\(text)' \(problem)") }
        return text
    }

    func text(_ name: String) throws(UsageError) -> String? {
        guard let text = options[name] else { return nil }
        if let problem = FreeText.problem(with: text) { throw UsageError("--\(name) \(problem)") }
        return text
    }

    /// The code a classification option names (a code, `30211 差旅费`, or a name alone), or nil
    /// when the option is absent; an unknown one is refused with the codes that come closest.
    func classCode(_ name: String, _ catalogue: ClassCatalogue) throws(UsageError) -> String? {
        guard let text = options[name] else { return nil }
        switch catalogue.code(for: text) {
        case .success(let code): return code
        case .failure(let problem): throw UsageError("--\(name) \(problem.message)")
        }
    }

    /// `--voucher`, checked as free text.
    func voucher() throws(UsageError) -> String? {
        guard let text = try text("voucher") else { return nil }
        if let problem = FieldCheck.voucher.problem(text) { throw UsageError("--voucher \(problem)") }
        return text
    }

    func requiredText(_ name: String) throws(UsageError) -> String {
        guard let value = try text(name) else { throw UsageError(.missingOption, name) }
        guard !value.allSatisfy(\.isWhitespace) else { throw UsageError(.mustNotBeEmpty, name) }
        return value
    }

    func date(_ name: String = "date") throws(UsageError) -> BusinessDate? {
        guard let text = options[name] else { return nil }
        guard let date = BusinessDate(text) else { throw UsageError(.isNotValidDateYYYY, name, text) }
        return date
    }

    func requiredDate(_ name: String = "date") throws(UsageError) -> BusinessDate {
        guard let date = try date(name) else { throw UsageError(.missingOptionValue, name, "YYYY-MM-DD") }
        return date
    }

    func source() throws(UsageError) -> FundSource {
        let text = options["source"] ?? ""
        guard let source = FundSource(rawValue: text) else {
            throw UsageError(.sourceIsNotFundSource, text)
        }
        return source
    }

    func seq(_ text: String, _ placeholder: String) throws(UsageError) -> Int64 {
        guard text.count <= 12, let value = Int64(text), value >= 1 else {
            throw UsageError(.isNotEventNumberPositive, placeholder, text)
        }
        return value
    }

    func year() throws(UsageError) -> Int? {
        guard let text = options["year"] else { return nil }
        guard text.count == 4, let year = Int(text), Limits.yearRange.contains(year) else {
            throw UsageError(.yearIsNotYearIn, text, Limits.yearRange.lowerBound, Limits.yearRange.upperBound)
        }
        return year
    }

    func format(_ allowed: [String]) throws(UsageError) -> String {
        let format = options["format"] ?? allowed[0]
        guard allowed.contains(format) else {
            throw UsageError(.formatIsNotOneOf, format, Message.list(allowed))
        }
        return format
    }

    /// Points with at most two decimals, 0–100: a weight or a score.
    func points(_ text: String, _ placeholder: String) throws(UsageError) -> Points {
        do { return try Points.parse(text) } catch { throw UsageError("\(placeholder): \(error)") }
    }
}
