import Simulation

/// The latch's reactions to the answers it gets.
extension LeaderLatch {
    func replied(_ purpose: Purpose, _ result: Result<Reply, ZKError>, _ client: ZooKeeperClient, _ context: ProcessContext) {
        if case .failure(.connectionLoss) = result {
            needsListing = true  // retried once the client reconnects; a lost create is found by its name
            if case .delete(let path) = purpose { undeleted.append(path) }
            return
        }
        if case .failure(.sessionExpired) = result { return }  // the state event follows
        switch (purpose, result) {
        case (.parent, _), (.delete, _):
            break
        case (.create, .success(.created(let created, let stat))):
            setNode(created, client, context)
            token = stat.czxid
            list(client, context)
        case (.create, .failure(.noNode)):
            createParentsAndRetry(client, context)
        case (.list, .success(.children(let children, _))):
            evaluate(children, client, context)
        case (.stat, .success(.exists(let stat?))):
            token = stat.czxid
            list(client, context)
        case (.stat, _):
            node = nil
            list(client, context)
        case (.predecessor, .success(.exists(nil))):
            list(client, context)  // gone before the watch was set
        case (.predecessor, _):
            break  // the watch is armed; its deletion calls us back
        default:
            context.trace("latch.unexpected", "\(purpose): \(result)")
        }
    }

    /// Decides from the sorted children whether this participant leads, or whom it watches.
    private func evaluate(_ children: [String], _ client: ZooKeeperClient, _ context: ProcessContext) {
        let ordered = children.filter { $0.hasPrefix("latch-") }.sorted { $0.suffix(10) < $1.suffix(10) }
        if node == nil, let mine = ordered.first(where: { $0.hasPrefix(nodePrefix) }) {
            node = path + "/" + mine  // our create succeeded but its answer was lost
            submit(.exists(path: node!, watch: false), .stat, client, context)
            return
        }
        guard let node, let token, let index = ordered.firstIndex(of: String(node.dropFirst(path.count + 1))) else {
            if self.node != nil { lose(context) }  // our node vanished: join again
            self.node = nil
            self.token = nil
            createNode(client, context)
            return
        }
        if index == 0 {
            guard !isLeader, client.state == .connected else { return }
            isLeader = true
            context.emit(LatchObservation.acquired(path: path, participant: participantID, token: token))
            outbox.append(.acquired(token: token))
        } else {
            lose(context)
            submit(.exists(path: path + "/" + ordered[index - 1], watch: true), .predecessor, client, context)
        }
    }
}
