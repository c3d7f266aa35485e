import BudgetModel
import BudgetProjections
import BudgetJSON

/// `budget curve --format json` and `report --behind --format json`: money as yuan strings, rates
/// and lags as percent strings with two decimals (null without a rate), as in `report`.
public enum ExecutionCurveJSON {
    public static func render(_ curve: ExecutionCurve) -> String {
        var root = JSONObject()
        root.append("project", .string(curve.project))
        root.append("name", .string(curve.name))
        root.append("year", .number(String(curve.year)))
        root.append("asOf", .string(curve.asOf.text))
        root.append("points", .array(curve.points.map { .object(point($0)) }))
        return JSONWriter.pretty(.object(root)) + "\n"
    }

    public static func behind(_ lagging: [ScheduleLag], asOf: BusinessDate, seq: Int64, thresholdBasisPoints: Int64) -> String {
        var root = JSONObject()
        root.append("asOf", .string(asOf.text))
        root.append("seq", .number(String(seq)))
        root.append("behindPoints", .string(Rate(basisPoints: thresholdBasisPoints).percentText))
        root.append("projects", .array(lagging.map { lag in
            var object = JSONObject()
            object.append("id", .string(lag.registration.project))
            object.append("name", .string(lag.registration.name))
            object.append("year", .number(String(lag.registration.year)))
            for (key, value) in point(lag.point).members where key != "date" { object.append(key, value) }
            return .object(object)
        }))
        return JSONWriter.pretty(.object(root)) + "\n"
    }

    static func point(_ point: ExecutionCurve.Point) -> JSONObject {
        var object = JSONObject()
        object.append("date", .string(point.date.text))
        object.append("fullYear", .string(point.fullYear.yuanText))
        object.append("executed", .string(point.executed.yuanText))
        object.append("rate", point.rate.map { .string($0.percentText) } ?? .null)
        object.append("elapsed", .string(point.elapsed.percentText))
        object.append("behind", point.lagBasisPoints.map { .string(Rate(basisPoints: $0).percentText) } ?? .null)
        return object
    }
}
