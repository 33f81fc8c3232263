using System.Collections.Generic;

namespace CognitoAdminAuth.Native.Contract
{
    /// <summary>The members both service operations' inputs share, which the base cmdlet sets.</summary>
    internal interface IAuthInput : IContractWriter
    {
        string UserPoolId { get; set; }
        string ClientId { get; set; }
        Dictionary<string, string> ClientMetadata { get; set; }
        AnalyticsMetadata AnalyticsMetadata { get; set; }
        ContextData ContextData { get; set; }
        string Session { get; set; }
    }

    internal sealed partial class AdminInitiateAuthInput : IAuthInput { }

    internal sealed partial class AdminRespondToAuthChallengeInput : IAuthInput { }
}
