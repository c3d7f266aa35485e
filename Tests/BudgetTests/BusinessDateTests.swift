import Testing
@testable import BudgetModel

/// Written with Swift Testing, so that its parameterised cases each report on their own.
struct BusinessDateTests {
    @Test(arguments: ["2023-02-28", "2024-02-29", "2000-02-29", "2023-12-31", "1990-01-01", "2100-12-31"])
    func realDatesParse(_ text: String) {
        #expect(BusinessDate(text)?.text == text)
    }

    @Test(arguments: ["2023-02-29", "2100-02-29", "2023-02-30", "2023-04-31", "2023-13-01", "2023-00-10",
                      "2023-01-00", "2023-1-10", "2023/01/10", "1989-12-31", "2101-01-01", "２０２３-01-01", "", "2023-01-10 "])
    func impossibleOrMalformedDatesDoNot(_ text: String) {
        #expect(BusinessDate(text) == nil)
    }

    @Test func orderAndDayOfYear() throws {
        let march = try #require(BusinessDate("2023-03-01"))
        let last = try #require(BusinessDate("2023-12-31"))
        #expect(march < last)
        #expect(march.dayOfYear == 31 + 28)
        #expect(last.dayOfYear == 364)
        #expect(try #require(BusinessDate("2024-12-31")).dayOfYear == 365)
    }
}
