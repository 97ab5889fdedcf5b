using Clearwind.Listings;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class CategoryModelTests
{
    private static int[] Grams(CategoryModel model, string title)
    {
        var ids = new List<int>();
        model.TitleGrams(CategoryModel.Normalise(title), 2, 2, ids);
        return [.. ids.Distinct()];
    }

    [Fact]
    public void CategoryModel_EditReplacesTheOnlyListingsWords_FreedIdsReusedWithoutStaleCounts()
    {
        var model = new CategoryModel();
        var food = model.IndexOf("食品");
        var tools = model.IndexOf("五金");
        var honey = Grams(model, "蜂蜜");
        model.Add(food, honey);
        model.Add(tools, Grams(model, "电钻"));

        // The edit counts the new title first, then takes the old one out: 蜂蜜's id is freed.
        var drill = Grams(model, "电钻");
        model.Add(food, drill);
        model.Remove(food, honey);

        Assert.Equal(1, model.Count(drill[0], food));
        Assert.Equal(1, model.Count(drill[0], tools));
        var again = Grams(model, "蜜糖");
        Assert.Equal(0, model.Count(again[0], food));
        Assert.Equal("t:蜜糖", model.Feature(again[0]));
        Assert.Equal(honey[0], again[0]); // the freed id, handed out again and empty
        model.Add(tools, again);
        Assert.Equal(1, model.Count(again[0], tools));
        Assert.Equal(0, model.Count(again[0], food));
        Assert.Equal(2, model.Size(food) + model.Size(tools) - 1);
    }

    [Fact]
    public void CategoryModel_RemoveLastListingOfACategory_PairLeavesAndOthersStay()
    {
        var model = new CategoryModel();
        var a = model.IndexOf("a");
        var b = model.IndexOf("b");
        var c = model.IndexOf("c");
        var shirt = Grams(model, "衬衫");
        model.Add(a, shirt);
        model.Add(b, shirt);
        model.Add(c, shirt);
        model.Remove(a, shirt);

        Assert.Equal(0, model.Count(shirt[0], a));
        Assert.Equal(1, model.Count(shirt[0], b));
        Assert.Equal(1, model.Count(shirt[0], c));
        Assert.Equal(4, model.Pairs(shirt[0]).Length);
    }
}
