namespace Clearwind.Policy;

/// <summary>A policy file that cannot be used; <see cref="Key"/> names the offending key.</summary>
public sealed class PolicyException : Exception
{
    /// <summary>Creates the exception for a key.</summary>
    public PolicyException(string key, string problem)
        : base($"policy key '{key}': {problem}")
    {
        Key = key;
    }

    /// <summary>Creates the exception without a key.</summary>
    public PolicyException()
        : this("(root)", "invalid policy")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PolicyException(string message)
        : this("(root)", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "(root)";
    }

    /// <summary>Dotted path of the offending key, e.g. <c>patterns.order_brushing.concentration.review_below</c>.</summary>
    public string Key { get; }
}
