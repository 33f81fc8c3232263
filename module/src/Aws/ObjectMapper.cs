using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace CognitoAdminAuth.Aws
{
    /// <summary>
    /// Compiles, once per pair of types, a copy from the native answer's classes to the session's SDK types by
    /// member name: the SDK's types are known only at run time (the user's AWS SDK for .NET or the stand-ins),
    /// and a compiled copy costs what hand-written code does, where reflection per call would not. Members the
    /// target lacks (an older SDK) are skipped; strings become ConstantClass values through the type's FindValue;
    /// a null number stays the default of a non-nullable target (the V3 SDK's int where V4 has int?).
    /// </summary>
    internal static class ObjectMapper
    {
        public static Func<TSource, object> Compile<TSource>(Type target) where TSource : class
        {
            var source = Expression.Parameter(typeof(TSource), "source");
            var body = Map(source, typeof(TSource), target);
            return Expression.Lambda<Func<TSource, object>>(Expression.Convert(body, typeof(object)), source).Compile();
        }

        private static Expression Map(Expression source, Type from, Type to)
        {
            var bindings = new List<MemberBinding>();
            foreach (var target in to.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetSetMethod(nonPublic: true) != null))
            {
                var member = from.GetProperty(target.Name, BindingFlags.Public | BindingFlags.Instance);
                var value = member == null ? null : Convert(Expression.Property(source, member), member.PropertyType, target.PropertyType);
                if (value != null) bindings.Add(Expression.Bind(target, value));
            }
            return Expression.Condition(
                Expression.Equal(source, Expression.Constant(null, from)),
                Expression.Constant(null, to),
                Expression.MemberInit(Expression.New(to), bindings));
        }

        private static Expression Convert(Expression value, Type from, Type to)
        {
            if (to.IsAssignableFrom(from)) return to == from ? value : Expression.Convert(value, to);
            if (from == typeof(string) && ConstantFindValue(to) is MethodInfo find) return Expression.Call(find, value);
            if (Nullable.GetUnderlyingType(from) is Type number)
            {
                var bare = Nullable.GetUnderlyingType(to) ?? to;
                if (!bare.IsPrimitive && !bare.IsEnum) return null;
                Expression converted = Expression.Convert(Expression.Property(value, "Value"), bare);
                if (bare != to) converted = Expression.Convert(converted, to);
                return Expression.Condition(Expression.Property(value, "HasValue"), converted, Expression.Default(to));
            }
            if (from.IsClass && to.IsClass && to.GetConstructor(Type.EmptyTypes) != null && !to.Namespace.StartsWith("System", StringComparison.Ordinal))
                return Map(value, from, to);
            return null;
        }

        /// <summary>The static FindValue(string) of an SDK ConstantClass (AuthFlowType, ChallengeNameType, ...).</summary>
        internal static MethodInfo ConstantFindValue(Type type) =>
            IsConstantClass(type) ? type.GetMethod("FindValue", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null) : null;

        private static bool IsConstantClass(Type type)
        {
            for (var t = type; t != null; t = t.BaseType)
                if (t.FullName == "Amazon.Runtime.ConstantClass") return true;
            return false;
        }
    }
}
