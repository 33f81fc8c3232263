using System;
using System.Management.Automation;
using CognitoAdminAuth.Aws;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// Lets a ConstantClass parameter (AuthFlowType, ChallengeNameType) take a value of the same name from another
    /// assembly (a session where two copies are loaded) by its Value, as it takes a string.
    /// </summary>
    public sealed class ConstantTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly string _typeName;

        public ConstantTransformationAttribute(string typeName) { _typeName = typeName; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var o = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (o == null || o is string) return inputData;
            var type = SdkTypes.Named(_typeName);
            return type.IsInstanceOfType(o) || o.GetType().FullName != _typeName ? inputData : SdkTypes.Constant(type, o.ToString());
        }
    }
}
