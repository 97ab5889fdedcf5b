namespace Clearwind.Service.Cases;

/// <summary>
/// Checks an appeal's body before anything reads it, so a malformed one is refused with a 400 that says what is wrong
/// rather than failing somewhere inside the re-check.
/// </summary>
public static class AppealRequestCheck
{
    /// <summary>Throws <see cref="CaseException"/> (400) when the request cannot be filed as it is.</summary>
    public static void Validate(AppealRequest? request)
    {
        if (request is null)
        {
            throw new CaseException(400, "an appeal needs a JSON object with a statement");
        }

        if (string.IsNullOrWhiteSpace(request.Statement))
        {
            throw new CaseException(400, "an appeal needs a statement: why the decision is wrong");
        }
    }
}
