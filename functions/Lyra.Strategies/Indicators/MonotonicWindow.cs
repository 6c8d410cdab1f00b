namespace Lyra.Strategies.Indicators;

/// <summary>Rolling maximum or minimum over the last N values, amortized O(1) per update (monotonic deque).</summary>
internal sealed class MonotonicWindow
{
    private readonly int _size;
    private readonly bool _max;
    private readonly long[] _index;
    private readonly double[] _value;
    private int _head;
    private int _count;
    private long _t;

    public MonotonicWindow(int size, bool max)
    {
        _size = size;
        _max = max;
        _index = new long[size + 1];
        _value = new double[size + 1];
    }

    public double Update(double v)
    {
        var cap = _index.Length;
        // Drop from the back everything the new value dominates.
        while (_count > 0)
        {
            var back = (_head + _count - 1) % cap;
            if (_max ? _value[back] <= v : _value[back] >= v) _count--;
            else break;
        }

        var pos = (_head + _count) % cap;
        _index[pos] = _t;
        _value[pos] = v;
        _count++;
        // Drop from the front what left the window.
        while (_index[_head] <= _t - _size)
        {
            _head = (_head + 1) % cap;
            _count--;
        }

        _t++;
        return _value[_head];
    }
}
