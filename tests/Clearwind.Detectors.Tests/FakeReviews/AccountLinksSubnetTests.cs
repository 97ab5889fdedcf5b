using Clearwind.FakeReviews;

namespace Clearwind.Detectors.Tests.FakeReviews;

public sealed class AccountLinksSubnetTests
{
    /// <summary>What the /24 prefix was before the fast path: <see cref="System.Net.IPAddress"/> decides every address.</summary>
    private static int Parsed(string? ip)
        => ip is null || !System.Net.IPAddress.TryParse(ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            ? 0
            : ip.LastIndexOf('.') is var last and > 0 ? last + 1 : 0;

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("256.1.2.3")]
    [InlineData("010.1.2.3")]
    [InlineData("0x0a.1.2.3")]
    [InlineData("1.2.3")]
    [InlineData("1.2")]
    [InlineData("16909060")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.")]
    [InlineData(".1.2.3")]
    [InlineData("1..2.3")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1.2.3.4:80")]
    [InlineData("1234.1.2.3")]
    [InlineData("::1")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("2001:db8::1")]
    [InlineData("k1:0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    [InlineData(null)]
    public void SubnetLength_AnyText_SameAsParsingTheAddress(string? ip)
        => Assert.Equal(Parsed(ip), AccountLinks.SubnetLength(ip));
}
