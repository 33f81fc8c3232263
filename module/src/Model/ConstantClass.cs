using System;
using System.Collections.Generic;
using System.Linq;

namespace Amazon.Runtime
{
    /// <summary>
    /// A string enum that also carries values the module does not know yet, as the AWS SDK for .NET's
    /// ConstantClass does: known values match case-insensitively and normalise to their canonical
    /// spelling, unknown ones pass through unchanged to the service.
    /// </summary>
    public abstract class ConstantClass : IEquatable<ConstantClass>
    {
        protected ConstantClass(string value) { Value = value; }

        public string Value { get; }

        public override string ToString() => Value;
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value ?? string.Empty);
        public override bool Equals(object obj) =>
            obj is ConstantClass c ? Equals(c) : obj is string s && string.Equals(Value, s, StringComparison.OrdinalIgnoreCase);
        public bool Equals(ConstantClass other) =>
            other != null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.Ordinal);

        public static implicit operator string(ConstantClass value) => value?.Value;

        /// <summary>Every known value of a constant class, for completion and documentation.</summary>
        protected static IReadOnlyList<T> Known<T>(params T[] values) where T : ConstantClass => values;

        protected static T Find<T>(IEnumerable<T> known, string value, Func<string, T> create) where T : ConstantClass =>
            value == null ? null
            : known.FirstOrDefault(k => string.Equals(k.Value, value, StringComparison.OrdinalIgnoreCase)) ?? create(value);
    }
}
