using Clearwind.Detection;
using Clearwind.FakeLikes;

namespace Clearwind;

/// <summary>Adds the fake-like detectors (刷赞, SPEC §2.2) to a pipeline.</summary>
public static class FakeLikesPipelineBuilderExtensions
{
    /// <summary>Adds <c>fake_likes.burst</c> (a listing's likes far above its own past rate, not bought by its likers).</summary>
    public static DetectionPipelineBuilder AddFakeLikesBurst(this DetectionPipelineBuilder builder, LikeBurstOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new LikeBurstOptions();
        return builder.Add(new LikeBurstDetector(options, builder.Shared), options);
    }

    /// <summary>Adds <c>fake_likes.concentration</c> (a listing's likers behind few IP addresses, subnets or devices).</summary>
    public static DetectionPipelineBuilder AddFakeLikesConcentration(this DetectionPipelineBuilder builder, LikeConcentrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new LikeConcentrationOptions();
        return builder.Add(new LikeConcentrationDetector(options, builder.Shared), options);
    }

    /// <summary>Adds <c>fake_likes.zombies</c> (likes from new, pictureless, never-buying accounts at a script's pace).</summary>
    public static DetectionPipelineBuilder AddFakeLikesZombies(this DetectionPipelineBuilder builder, LikeZombiesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new LikeZombiesOptions();
        return builder.Add(new LikeZombiesDetector(options, builder.Shared), options);
    }

    /// <summary>Adds <c>fake_likes.mismatch</c> (likes far above what views with dwell and orders support in the category).</summary>
    public static DetectionPipelineBuilder AddFakeLikesMismatch(this DetectionPipelineBuilder builder, LikeMismatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new LikeMismatchOptions();
        return builder.Add(new LikeMismatchDetector(options, builder.Shared), options);
    }

    /// <summary>Adds <c>fake_likes.lockstep</c> (groups of accounts liking the same listings within minutes of each other, again and again).</summary>
    public static DetectionPipelineBuilder AddFakeLikesLockstep(this DetectionPipelineBuilder builder, LikeLockstepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new LikeLockstepOptions();
        return builder.Add(new LikeLockstepDetector(options, builder.Shared), options);
    }
}
