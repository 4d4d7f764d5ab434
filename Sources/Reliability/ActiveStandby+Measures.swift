/// Availability measures of the active/standby model. Unavailabilities are sums over the down
/// states, never `1 − A`.
extension ActiveStandby {
    /// Steady-state probabilities in ``stateNames`` order (GTH).
    public func steadyState() throws(MarkovChainError) -> [Double] {
        try chain.steadyState()
    }

    /// Steady-state availability: the up-state probabilities summed.
    public func availability() throws(MarkovChainError) -> Double {
        try chain.steadyStateProbability(of: upStates)
    }

    /// Steady-state unavailability: the down-state probabilities summed.
    public func unavailability() throws(MarkovChainError) -> Double {
        try chain.steadyStateProbability(of: downStates)
    }

    /// Mean time from state `2` to the first outage.
    public func meanTimeToFailure() throws(MarkovChainError) -> Double {
        try chain.meanTimeToFailure(upStates: upStates, from: chain.pointMass(at: initialState))
    }

    /// Probability of being up at time `t`, starting in state `2`.
    public func availability(at t: Double, method: MarkovChain.TransientMethod = .uniformization)
        throws(MarkovChainError) -> Double
    {
        try sum(chain.transientDistribution(at: t, from: chain.pointMass(at: initialState), method: method), over: upStates)
    }

    /// Probability of being down at time `t`, starting in state `2`.
    public func unavailability(at t: Double, method: MarkovChain.TransientMethod = .uniformization)
        throws(MarkovChainError) -> Double
    {
        try sum(chain.transientDistribution(at: t, from: chain.pointMass(at: initialState), method: method), over: downStates)
    }

    /// Expected fraction of `[0, t]` spent up, starting in state `2`.
    public func intervalAvailability(over t: Double, method: MarkovChain.TransientMethod = .uniformization)
        throws(MarkovChainError) -> Double
    {
        try sum(chain.intervalOccupancy(over: t, from: chain.pointMass(at: initialState), method: method), over: upStates)
    }

    /// Expected fraction of `[0, t]` spent down, starting in state `2`.
    public func intervalUnavailability(over t: Double, method: MarkovChain.TransientMethod = .uniformization)
        throws(MarkovChainError) -> Double
    {
        try sum(chain.intervalOccupancy(over: t, from: chain.pointMass(at: initialState), method: method), over: downStates)
    }

    /// The probabilities of `states` in a distribution over this model's states, summed in state order.
    func sum(_ probabilities: [Double], over states: Set<Int>) -> Double {
        states.sorted().reduce(0) { $0 + probabilities[$1] }
    }
}
