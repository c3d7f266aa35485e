import XCTest
@testable import BudgetModel
@testable import BudgetProjections

/// Each rule of 财预〔2020〕10号 as the ledger applies it, at and around every boundary. Every
/// expected score is worked by hand in the comment beside it, rounded half-up to 0.01 point
/// unless the test sets another precision.
final class RuleScoreTests: XCTestCase {
    static let linear = ScoringPolicy.standard
    static let ratio = ScoringPolicy(setting: PolicySetting.standard.with(lowerIsBetter: .ratio))

    func definition(_ target: String, level1: IndicatorLevel = .output, level2: String = "数量指标", name: String = "指标",
                    weight: Int64 = 10_00) -> IndicatorDefinition {
        IndicatorDefinition(project: "p", indicator: "i", level1: level1, level2: level2, name: name, target: target,
                            weight: Points(hundredths: weight))
    }

    func rule(_ definition: IndicatorDefinition, _ actual: String?, grade: Achievement? = nil, selfScore: Int64? = nil,
              policy: ScoringPolicy = linear) -> RuleScore {
        RuleScore.evaluate(definition, actual: actual, grade: grade, selfScore: selfScore.map { Points(hundredths: $0) }, policy: policy)
    }

    /// The computed score in hundredths, failing when the rules give none.
    func score(_ target: String, _ actual: String, level2: String = "数量指标", level1: IndicatorLevel = .output, name: String = "指标",
               weight: Int64 = 10_00, policy: ScoringPolicy = linear, file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        let result = rule(definition(target, level1: level1, level2: level2, name: name, weight: weight), actual, policy: policy)
        XCTAssertEqual(result.basis, .quantitative, "\(target) vs \(actual): \(result.working)", file: file, line: line)
        return result.score?.hundredths
    }

    // MARK: - Higher is better

    func testHigherIsBetterFullAtOrAboveTheTarget() {
        XCTAssertEqual(score("600本", "600本"), 10_00)   // exactly on target: full 10
        XCTAssertEqual(score("600本", "700本"), 10_00)   // above: still 10, never more
    }

    func testHigherIsBetterProportionalBelowTheTarget() {
        XCTAssertEqual(score("600本", "450本"), 7_50)    // 450 ÷ 600 × 10 = 7.5
        XCTAssertEqual(score("3本", "1本"), 3_33)        // 1 ÷ 3 × 10 = 3.333… → 3.33
        XCTAssertEqual(score("3本", "2本"), 6_67)        // 2 ÷ 3 × 10 = 6.666… → 6.67 (half-up)
        XCTAssertEqual(score("≥80%", "79%"), 9_88)       // 79 ÷ 80 × 10 = 9.875 → 9.88 (half-up, not half-even)
        XCTAssertEqual(score("32000公里", "27522公里", weight: 2_00), 1_72)   // form 1: 27522 ÷ 32000 × 2 = 1.72012… → 1.72
        XCTAssertEqual(score("1台", "0台", weight: 12_50), 0)                  // form 6: 0 ÷ 1 × 12.5 = 0
    }

    func testHigherIsBetterWithAZeroTargetIsAlwaysMet() {
        XCTAssertEqual(score("0个", "0个"), 10_00)   // 0 ≥ 0: full, and no division by zero
        XCTAssertEqual(score("0个", "5个"), 10_00)
    }

    // MARK: - Lower is better

    func testLowerIsBetterFullAtOrBelowTheTarget() {
        XCTAssertEqual(score("100元/项", "100元/项", level2: "成本指标"), 10_00)   // exactly on target
        XCTAssertEqual(score("100元/项", "80元/项", level2: "成本指标"), 10_00)
        XCTAssertEqual(score("≤5%", "5%", level2: "质量指标"), 10_00)
    }

    func testLowerIsBetterLinearAboveTheTarget() {
        XCTAssertEqual(score("100元/项", "150元/项", level2: "成本指标"), 5_00)   // 10 × (1 − 50 ÷ 100) = 5
        XCTAssertEqual(score("100元/项", "199元/项", level2: "成本指标"), 10)     // 10 × (1 − 99 ÷ 100) = 0.1
        XCTAssertEqual(score("100元/项", "200元/项", level2: "成本指标"), 0)      // twice the target: 0
        XCTAssertEqual(score("100元/项", "250元/项", level2: "成本指标"), 0)      // past twice: still 0, never negative
        XCTAssertEqual(score("≤5%", "6%", level2: "质量指标"), 8_00)              // 10 × (1 − 1 ÷ 5) = 8
        // Form 1's 改革调研费用: 4 × (1 − (534253.73 − 461100) ÷ 461100) = 4 × 0.841350… = 3.3654 → 3.37.
        XCTAssertEqual(score("461100元/项", "534253.73元/项", level2: "成本指标", weight: 4_00), 3_37)
    }

    func testLowerIsBetterRatioAboveTheTarget() {
        XCTAssertEqual(score("100元/项", "100元/项", level2: "成本指标", policy: Self.ratio), 10_00)
        XCTAssertEqual(score("100元/项", "150元/项", level2: "成本指标", policy: Self.ratio), 6_67)  // 100 ÷ 150 × 10 = 6.666… → 6.67
        XCTAssertEqual(score("100元/项", "200元/项", level2: "成本指标", policy: Self.ratio), 5_00)  // twice: 100 ÷ 200 × 10 = 5, not 0
        XCTAssertEqual(score("100元/项", "250元/项", level2: "成本指标", policy: Self.ratio), 4_00)  // 100 ÷ 250 × 10 = 4
    }

    func testLowerIsBetterWithAZeroTarget() {
        XCTAssertEqual(score("0元/项", "0元/项", level2: "成本指标"), 10_00)   // 0 ≤ 0: full
        XCTAssertEqual(score("0元/项", "1元/项", level2: "成本指标"), 0)       // anything ≥ 2 × 0: 0
        XCTAssertEqual(score("0元/项", "1元/项", level2: "成本指标", policy: Self.ratio), 0)   // 0 ÷ 1 × 10 = 0
    }

    func testWhichIndicatorsAreLowerIsBetter() {
        // An 产出 indicator whose name says 费用, with a plain 元 target: 6000 > 5000 → 10 × (1 − 1000 ÷ 5000) = 8.
        XCTAssertEqual(score("5000元", "6000元", name: "培训费用"), 8_00)
        // A price under 质量指标 (form 5's 单位成本): 381 ≤ 400, full.
        XCTAssertEqual(score("400元/天/人", "381元/天/人", level2: "质量指标"), 10_00)
        // A plain 元 target of a 效益 indicator is a gain: 40 ÷ 50 × 10 = 8, and 60 is full.
        XCTAssertEqual(score("50万元", "40万元", level2: "经济效益指标", level1: .benefit), 8_00)
        XCTAssertEqual(score("50万元", "60万元", level2: "经济效益指标", level1: .benefit), 10_00)
        // An explicit ≥ overrides 成本指标: 4 ÷ 5 × 10 = 8.
        XCTAssertEqual(score("≥5个", "4个", level2: "成本指标"), 8_00)
    }

    // MARK: - Equality

    func testEqualityTargets() {
        XCTAssertEqual(score("=5个", "5个"), 10_00)
        XCTAssertEqual(score("=5个", "4个"), 8_00)    // 4 ÷ 5 × 10 = 8
        XCTAssertEqual(score("=5个", "6个"), 8_33)    // 5 ÷ 6 × 10 = 8.333… → 8.33
        XCTAssertEqual(score("=0个", "0个"), 10_00)
        XCTAssertEqual(score("=0个", "2个"), 0)       // 0 ÷ 2 × 10 = 0
    }

    // MARK: - Composite values and bounds

    func testCompositeValuesScoreAsTheirWeakestPart() {
        // Prices, so lower is better. 区内 300 ≤ 510: full; 区外 600 > 530:
        // 10 × (1 − 70 ÷ 530) = 10 × 0.867924… = 8.679… → 8.68.
        XCTAssertEqual(score("区内510元/人天,区外530元/人天", "区内300元/人天,区外600元/人天"), 8_68)
        // Paired by label, whatever the order: both met.
        XCTAssertEqual(score("区内510元/人天,区外530元/人天", "区外510元/人天,区内300元/人天"), 10_00)
        // Form 3's 1人、1年 against 0人、1年: 0 ÷ 1 × 5 = 0 and full, the weakest is 0.
        XCTAssertEqual(score("1人、1年", "0人、1年", weight: 5_00), 0)
    }

    func testCompositePartsThatCannotBePaired() {
        XCTAssertEqual(rule(definition("区内510元/人天,区外530元/人天"), "区内300元/人天").problem, .incomparable)
        XCTAssertEqual(rule(definition("区内510元/人天,区外530元/人天"), "区内300元/人天,区中510元/人天").problem, .incomparable)
    }

    func testAnActualBoundServesOnlyItsOwnSide() {
        XCTAssertEqual(score("≥90%", "≥90%"), 10_00)    // at least 90 meets at least 90
        XCTAssertEqual(score("≤5%", "≤5%", level2: "质量指标"), 10_00)
        XCTAssertEqual(rule(definition("≥90%"), "≤95%").problem, .incomparable)   // an upper bound says nothing of reaching 90
        XCTAssertEqual(rule(definition("≤5%", level2: "质量指标"), "≥1%").problem, .incomparable)
    }

    // MARK: - Units and text that cannot be scored

    func testUnitMismatchIsReportedNotGuessed() {
        let mismatch = rule(definition("180000元/年", level2: "成本指标"), "0元/项")   // form 3
        XCTAssertEqual(mismatch.problem, .unitMismatch)
        XCTAssertNil(mismatch.score)
        XCTAssertTrue(mismatch.working.description.contains("元/年") && mismatch.working.description.contains("元/项"), mismatch.working.description)
        XCTAssertEqual(rule(definition("5个"), "5人").problem, .unitMismatch)
        XCTAssertEqual(rule(definition("5"), "5个").problem, .unitMismatch)          // a bare 5 is not 5 of anything
    }

    func testABareZeroMatchesAnyUnit() {
        // Form 4: 3000元 (成本指标) against a bare 0: 0 ≤ 3000, full 10.
        XCTAssertEqual(score("3000元", "0", level2: "成本指标"), 10_00)
        XCTAssertEqual(score("5个", "0"), 0)   // 0 ÷ 5 × 10 = 0
    }

    func testUnparseableTextIsReportedNotGuessed() {
        let target = rule(definition("2023年12月", level2: "时效指标"), "0")   // form 6
        XCTAssertEqual(target.problem, .unparseable)
        XCTAssertNil(target.score)
        XCTAssertEqual(rule(definition("5个"), "约5个以上").problem, .unparseable)
        XCTAssertEqual(rule(definition("5个"), "五个").problem, .unparseable)      // words where a number belongs
    }

    func testNoActualValue() {
        XCTAssertEqual(rule(definition("600本"), nil).problem, .actualMissing)
    }

    // MARK: - Qualitative

    func testQualitativeTextMetWordForWordKeepsTheSelfAssessedScore() {
        let met = rule(definition("长效", level1: .benefit, level2: "可持续影响指标", weight: 15_00), "长效", selfScore: 14_00)
        XCTAssertEqual(met.basis, .textMatch)
        XCTAssertEqual(met.score, Points(hundredths: 14_00))
        // Digits that do not parse, met word for word (form 2's 2023年底): accepted too.
        XCTAssertEqual(rule(definition("2023年底", level2: "时效指标"), "2023年底", selfScore: 5_00).basis, .textMatch)
    }

    func testQualitativeChangeWithoutAGradeIsNotAccepted() {
        let missing = rule(definition("高质量完成", level2: "质量指标", weight: 12_50), "正在推进", selfScore: 12_50)   // form 6
        XCTAssertEqual(missing.problem, .gradeMissing)
        XCTAssertNil(missing.score)
    }

    func testBandsOfEachGrade() {
        // Weight 10: 达成 8–10, 部分达成 6–8, 未达成 0–6.
        let achieved = rule(definition("长效", level1: .benefit), "较好", grade: .achieved, selfScore: 9_00)
        XCTAssertEqual(achieved.basis, .band(.achieved))
        XCTAssertEqual(achieved.band, Points(hundredths: 8_00)...Points(hundredths: 10_00))
        XCTAssertEqual(achieved.score, Points(hundredths: 9_00))
        XCTAssertEqual(rule(definition("长效"), "较好", grade: .partial, selfScore: 7_00).band, Points(hundredths: 6_00)...Points(hundredths: 8_00))
        XCTAssertEqual(rule(definition("长效"), "较差", grade: .notAchieved, selfScore: 1_00).band, Points(hundredths: 0)...Points(hundredths: 6_00))
        // A score outside its band is brought to the nearest edge.
        XCTAssertEqual(rule(definition("长效"), "较好", grade: .achieved, selfScore: 7_00).score, Points(hundredths: 8_00))
        XCTAssertEqual(rule(definition("长效"), "较好", grade: .partial, selfScore: 9_00).score, Points(hundredths: 8_00))
        // Weight 12.5: 达成 10–12.5 (80% and 100% of 12.5).
        XCTAssertEqual(rule(definition("长效", weight: 12_50), "较好", grade: .achieved, selfScore: 12_50).band,
                       Points(hundredths: 10_00)...Points(hundredths: 12_50))
    }

    func testBandEdgesBelongToBothNeighbours() {
        let ten = Points(hundredths: 10_00)
        XCTAssertTrue(RuleScore.isInBand(Points(hundredths: 8_00), weight: ten, grade: .achieved))     // 80% exactly
        XCTAssertFalse(RuleScore.isInBand(Points(hundredths: 7_99), weight: ten, grade: .achieved))    // 79.9%
        XCTAssertTrue(RuleScore.isInBand(Points(hundredths: 8_00), weight: ten, grade: .partial))      // 80%, the shared edge
        XCTAssertFalse(RuleScore.isInBand(Points(hundredths: 8_01), weight: ten, grade: .partial))
        XCTAssertTrue(RuleScore.isInBand(Points(hundredths: 6_00), weight: ten, grade: .partial))      // 60%
        XCTAssertTrue(RuleScore.isInBand(Points(hundredths: 6_00), weight: ten, grade: .notAchieved))
        XCTAssertFalse(RuleScore.isInBand(Points(hundredths: 6_01), weight: ten, grade: .notAchieved))
        XCTAssertTrue(RuleScore.isInBand(.zero, weight: ten, grade: .notAchieved))
        // Compared exactly, not rounded: 60% of 2.33 is 1.398, so 1.39 is below the partial band and 1.40 in it.
        let odd = Points(hundredths: 2_33)
        XCTAssertFalse(RuleScore.isInBand(Points(hundredths: 1_39), weight: odd, grade: .partial))
        XCTAssertTrue(RuleScore.isInBand(Points(hundredths: 1_40), weight: odd, grade: .partial))
    }

    func testAGradeScoresTextThatDoesNotParse() {
        // Form 6's 完成时间 (2023年12月, actual 0) with a grade: 未达成 is 0–60% of 12.5 = 0–7.5.
        let graded = rule(definition("2023年12月", level2: "时效指标", weight: 12_50), "0", grade: .notAchieved, selfScore: 12_50)
        XCTAssertEqual(graded.band, Points(hundredths: 0)...Points(hundredths: 7_50))
        XCTAssertEqual(graded.score, Points(hundredths: 7_50))
    }

    // MARK: - Precision

    func testIndicatorPrecisionComesFromThePolicy() {
        let tenths = ScoringPolicy(setting: PolicySetting.standard.with(indicatorScoreDecimals: 1))
        let whole = ScoringPolicy(setting: PolicySetting.standard.with(indicatorScoreDecimals: 0))
        XCTAssertEqual(score("3本", "2本", policy: tenths), 6_70)   // 6.666… → 6.7
        XCTAssertEqual(score("3本", "2本", policy: whole), 7_00)    // 6.666… → 7
        XCTAssertEqual(score("8本", "5本", policy: whole), 6_00)    // 6.25 → 6
        XCTAssertEqual(score("4本", "1本", policy: tenths), 2_50)   // 2.5 stays 2.5
    }
}

extension PolicySetting {
    /// The same policy with one member changed, for tests.
    func with(lowerIsBetter: LowerIsBetterRule? = nil, indicatorScoreDecimals: Int? = nil, tolerance: Points? = nil,
              executionWeight: Points? = nil, outputWeight: Points? = nil, rateDecimals: Int? = nil,
              executionScoreDecimals: Int? = nil) -> PolicySetting {
        PolicySetting(executionWeight: executionWeight ?? self.executionWeight, outputWeight: outputWeight ?? self.outputWeight,
                      benefitWeight: benefitWeight, satisfactionWeight: satisfactionWeight,
                      rateDecimals: rateDecimals ?? self.rateDecimals,
                      executionScoreDecimals: executionScoreDecimals ?? self.executionScoreDecimals,
                      indicatorScoreDecimals: indicatorScoreDecimals ?? self.indicatorScoreDecimals,
                      lowerIsBetter: lowerIsBetter ?? self.lowerIsBetter, tolerance: tolerance ?? self.tolerance, memo: memo)
    }
}
