using System;
using System.Collections.Generic;
using System.Reflection;

namespace Amazon.Runtime
{
    /// <summary>
    /// Stand-in for AWSSDK.Core's ConstantClass, loaded only in sessions without the AWS SDK for .NET. Same
    /// members as the SDK's, so that the Cognito stand-ins compile against either: known values match
    /// case-insensitively and come back as the declared instance; unknown ones pass through unchanged.
    /// </summary>
    public class ConstantClass : IEquatable<ConstantClass>
    {
        private static readonly Dictionary<Type, Dictionary<string, ConstantClass>> Declared = new Dictionary<Type, Dictionary<string, ConstantClass>>();

        protected ConstantClass(string value) { Value = value; }

        public string Value { get; }

        public override string ToString() => Value;
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value ?? string.Empty);
        public override bool Equals(object obj) =>
            obj is ConstantClass c ? Equals(c) : obj is string s && string.Equals(Value, s, StringComparison.OrdinalIgnoreCase);
        public bool Equals(ConstantClass other) =>
            other != null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.Ordinal);

        public static implicit operator string(ConstantClass value) => value?.Value;

        protected static T FindValue<T>(string value) where T : ConstantClass
        {
            if (value == null) return null;
            Dictionary<string, ConstantClass> known;
            lock (Declared)
            {
                if (!Declared.TryGetValue(typeof(T), out known))
                {
                    known = new Dictionary<string, ConstantClass>(StringComparer.OrdinalIgnoreCase);
                    foreach (var f in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
                        if (f.GetValue(null) is ConstantClass c) known[c.Value] = c;
                    Declared[typeof(T)] = known;
                }
            }
            return known.TryGetValue(value, out var found) ? (T)found : (T)Activator.CreateInstance(typeof(T), value);
        }
    }
}
