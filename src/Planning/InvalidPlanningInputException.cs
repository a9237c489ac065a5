namespace HybridAI.Planning;

/// <summary>The job, candidates or checkpoint given to the planner are invalid; <see cref="ArgumentException.ParamName"/> names the field.</summary>
public sealed class InvalidPlanningInputException(string field, string problem)
    : ArgumentException($"Invalid planning input '{field}': {problem}", field);
