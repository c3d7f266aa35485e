import BudgetModel

/// Where on the self-evaluation form a finding points: the cell whose figure it questions, so
/// that a rendered form can mark that cell and put the finding beside it.
public enum FormCell: Hashable, Sendable {
    /// A cell of the fund block (项目资金): a row and a column.
    case fund(FormFundRow, FundColumn)
    /// 分值 of the execution row (年度资金总额).
    case executionWeight
    /// 得分 of the execution row.
    case executionScore
    /// The weights of one level-1 class: its merged 一级指标 cell.
    case levelWeights(IndicatorLevel)
    /// A cell of one indicator row, by indicator id.
    case indicator(String, IndicatorColumn)
    /// 分值 of the 总分 row: the weights of the whole form.
    case totalWeight
    /// 得分 of the 总分 row, which the indicator total and the grade follow from.
    case totalScore
}

/// The cells of an indicator row a finding can point at.
public enum IndicatorColumn: String, CaseIterable, Hashable, Sendable {
    /// 实际完成值: the rules could not read or compare it.
    case actual
    /// 得分: the self-assessed score.
    case score
    /// 偏差原因分析及改进措施
    case reason
}
