import BudgetModel

/// The nested members of a `form.declared` line, in their fixed order:
///
///     "funds":{"total":{"initial":"1968000.00","fullYear":"1855800.00","executed":"1334300.00","rate":"71.90"},…},
///     "indicators":{"out-01":"2","out-02":"2",…}
///
/// Rows run total, current, carryover, other, and a blank row or cell is left out, so that a
/// declaration has exactly one spelling. Amounts are yuan with two decimals, as everywhere in
/// the journal; `fundUnit` says how precisely they were printed.
enum DeclarationFields {
    static func funds(_ declaration: FormDeclaration) -> JSONValue? {
        var rows = JSONObject()
        for row in FormFundRow.allCases {
            guard let figures = declaration.funds[row], !figures.isBlank else { continue }
            var cells = JSONObject()
            if let initial = figures.initial { cells.append("initial", .string(initial.yuanText)) }
            if let fullYear = figures.fullYear { cells.append("fullYear", .string(fullYear.yuanText)) }
            if let executed = figures.executed { cells.append("executed", .string(executed.yuanText)) }
            if let rate = figures.rate { cells.append("rate", .string(rate.percentText)) }
            rows.append(row.rawValue, .object(cells))
        }
        return rows.members.isEmpty ? nil : .object(rows)
    }

    static func scores(_ declaration: FormDeclaration) -> JSONValue? {
        guard !declaration.indicatorScores.isEmpty else { return nil }
        var scores = JSONObject()
        for entry in declaration.indicatorScores { scores.append(entry.indicator, .string(entry.score.text)) }
        return .object(scores)
    }

    /// Reads what `funds` and `scores` write, as strictly: unknown rows and cells are refused.
    static func decode(_ f: inout FieldReader) throws(LineProblem) -> FormDeclaration {
        let project = try f.identifier("project")
        let unitText = try f.text("fundUnit")
        guard let unit = DeclaredFundUnit(rawValue: unitText) else { throw LineProblem("\"fundUnit\" is not 元 or 万元: \(unitText)") }
        var funds: [FormFundRow: DeclaredFigures] = [:]
        if let object = try f.optionalNested("funds") {
            var rows = FieldReader(object)
            for row in FormFundRow.allCases {
                guard let cellsObject = try rows.optionalNested(row.rawValue) else { continue }
                var cells = FieldReader(cellsObject)
                let figures = DeclaredFigures(
                    initial: try cells.declaredAmount("initial", unit: unit), fullYear: try cells.declaredAmount("fullYear", unit: unit),
                    executed: try cells.declaredAmount("executed", unit: unit), rate: try cells.declaredRate("rate"))
                try cells.rejectUnknownMembers()
                guard !figures.isBlank else { throw LineProblem("\"funds\".\"\(row.rawValue)\" is empty") }
                funds[row] = figures
            }
            try rows.rejectUnknownMembers()
            guard !funds.isEmpty else { throw LineProblem("\"funds\" is empty") }
        }
        let executionWeight = try f.optionalPoints("executionWeight")
        let executionScore = try f.optionalPoints("executionScore")
        var scores: [DeclaredScore] = []
        if let object = try f.optionalNested("indicators") {
            guard !object.members.isEmpty else { throw LineProblem("\"indicators\" is empty") }
            for member in object.members {
                if let problem = Identifier.problem(with: member.key) { throw LineProblem("indicator id \"\(member.key)\" \(problem)") }
                guard case .string(let text) = member.value, let score = try? Points.parse(text), score.text == text else {
                    throw LineProblem("the score of \"\(member.key)\" is not points as the writer spells them")
                }
                scores.append(DeclaredScore(indicator: member.key, score: score))
            }
        }
        let indicatorScore = try f.optionalPoints("indicatorScore")
        let totalScore = try f.optionalPoints("totalScore")
        var grade: Grade?
        if let text = try f.optionalText("grade") {
            guard let parsed = Grade(rawValue: text) else { throw LineProblem("\"grade\" is not 优, 良, 中 or 差: \(text)") }
            grade = parsed
        }
        let declaration = FormDeclaration(
            project: project, fundUnit: unit, funds: funds, executionWeight: executionWeight, executionScore: executionScore,
            indicatorScores: scores, indicatorScore: indicatorScore, totalScore: totalScore, grade: grade,
            executionReason: try f.optionalText("executionReason"), memo: try f.optionalText("memo"))
        guard !declaration.isEmpty else { throw LineProblem("a declared form states nothing") }
        return declaration
    }
}

extension FieldReader {
    mutating func optionalNested(_ key: String) throws(LineProblem) -> JSONObject? {
        guard object[key] != nil else { return nil }
        return try nested(key)
    }

    mutating func optionalPoints(_ key: String) throws(LineProblem) -> Points? {
        guard let literal = try optionalText(key) else { return nil }
        guard let points = try? Points.parse(literal), points.text == literal else {
            throw LineProblem("\"\(key)\" is not points as the writer spells them: \(literal)")
        }
        return points
    }

    /// A declared amount may be zero (a form prints 0), but never negative, and in a 万元 block
    /// it is a whole number of 0.01 万元.
    mutating func declaredAmount(_ key: String, unit: DeclaredFundUnit) throws(LineProblem) -> Money? {
        guard let literal = try optionalText(key) else { return nil }
        let bytes = Array(literal.utf8)
        guard bytes.count >= 4, bytes[bytes.count - 3] == UInt8(ascii: "."), !literal.contains(","),
              let money = try? AmountParser.parse(literal), money.yuanText == literal
        else { throw LineProblem("\"\(key)\" is not an amount with two decimals: \(literal)") }
        guard money.fen % unit.stepFen == 0 else { throw LineProblem("\"\(key)\" is finer than 0.01 \(unit.rawValue): \(literal)") }
        return money
    }

    /// A rate as the writer spells it: a percentage with exactly two decimals ("71.90").
    mutating func declaredRate(_ key: String) throws(LineProblem) -> Rate? {
        guard let literal = try optionalText(key) else { return nil }
        let parts = literal.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...4).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let whole = Int64(parts[0]), let fraction = Int64(parts[1]),
              Rate(basisPoints: whole * 100 + fraction).percentText == literal
        else { throw LineProblem("\"\(key)\" is not a percentage with two decimals: \(literal)") }
        return Rate(basisPoints: whole * 100 + fraction)
    }
}
