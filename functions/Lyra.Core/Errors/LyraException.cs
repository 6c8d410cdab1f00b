namespace Lyra.Core.Errors;

/// <summary>Base of the domain exceptions that a host edge maps to an error code and status.</summary>
public abstract class LyraException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected LyraException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>The code from <see cref="ErrorCodes"/> this failure maps to.</summary>
    public abstract string ErrorCode { get; }

    /// <summary>How long the failed dependency asked callers to wait before trying again, when it said.</summary>
    public virtual TimeSpan? RetryAfter => null;
}

/// <summary>Input failed validation; <see cref="Field"/> names the offending field.</summary>
public sealed class ValidationException(string field, string message) : LyraException(message)
{
    /// <summary>The field (JSON path, setting name or column) that is wrong.</summary>
    public string Field { get; } = field;

    /// <inheritdoc />
    public override string ErrorCode => ErrorCodes.ValidationFailed;
}

/// <summary>The requested resource does not exist.</summary>
public sealed class NotFoundException(string message) : LyraException(message)
{
    /// <inheritdoc />
    public override string ErrorCode => ErrorCodes.NotFound;
}

/// <summary>The request conflicts with current state.</summary>
public sealed class ConflictException(string message) : LyraException(message)
{
    /// <inheritdoc />
    public override string ErrorCode => ErrorCodes.Conflict;
}

/// <summary>A dependency such as storage or an exchange could not be reached.</summary>
public sealed class DependencyUnavailableException(string dependency, string message, Exception? inner = null)
    : LyraException(message, inner)
{
    /// <summary>Name of the dependency that failed.</summary>
    public string Dependency { get; } = dependency;

    /// <inheritdoc />
    public override string ErrorCode => ErrorCodes.DependencyUnavailable;
}

/// <summary>A spending budget is used up; nothing was spent.</summary>
public sealed class BudgetExhaustedException(string message) : LyraException(message)
{
    /// <inheritdoc />
    public override string ErrorCode => ErrorCodes.BudgetExhausted;
}
