namespace Lyra.Ai.Voting;

/// <summary>A voter backed by a paid model: budgets and model selection apply to it.</summary>
public interface IModelVoter : IVoter
{
    /// <summary>The model id.</summary>
    string Model { get; }
}
