using System.ComponentModel.DataAnnotations;

namespace Clearwind.Detection;

/// <summary>
/// Base of every detector's options. Defaults live on the properties (documented with their source);
/// the policy file binds a JSON block onto them, and <see cref="Validate"/> runs at pipeline build.
/// </summary>
public abstract class DetectorOptions
{
    /// <summary>Checks the data-annotation rules (e.g. <see cref="RangeAttribute"/>) and any rule of the subclass.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names the pattern and the option.</exception>
    public void Validate(PatternId pattern)
    {
        var results = new List<ValidationResult>();
        try
        {
            Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        }
        catch (OverflowException)
        {
            // A range given in whole numbers converts the value to one; a value past that type's range is out of range.
            throw new ArgumentException($"invalid detector options: {pattern}.options: a value is far outside its allowed range");
        }

        foreach (var extra in ValidateMore())
        {
            results.Add(new ValidationResult(extra));
        }

        if (results.Count > 0)
        {
            var problems = results.Select(r => $"{pattern}.options.{string.Join(",", r.MemberNames.Select(PolicyNames.ToSnakeCase))}: {r.ErrorMessage}");
            throw new ArgumentException("invalid detector options: " + string.Join("; ", problems));
        }
    }

    /// <summary>Rules that span several options; returns the problems found.</summary>
    protected virtual IEnumerable<string> ValidateMore() => [];
}
