import Testing
@testable import Reliability

/// The active/standby measures against 60-digit references computed independently with mpmath
/// (`mp.lu_solve` on πQ = 0 and on the fundamental system, `mp.expm` of Van Loan's block matrix),
/// from the same double-precision parameters. This is the bar for the stiff cases with no closed
/// form (failback, transients): U and MTTF to 1e-9 relative, A(t) to 1e-11, for U down to 1e-15.
@Suite struct HighPrecisionReferenceTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let parameters: ActiveStandby.Parameters
        let unavailability: Double
        let mttf: Double
        /// (t, A(t), U(t), interval U over [0, t]).
        let transients: [(Double, Double, Double, Double)]
    }

    static let cases: [Case] = [
        Case(description: "hot pair, c = 0.99, δ = 60, r = 2",
             parameters: .init(failureRate: 1e-6, standbyFailureRate: 1e-6, repairRate: 1, coverage: 0.99, switchover: .rate(60), crews: 2),
             unavailability: 2.6230445469756641996e-8, mttf: 1000000.0000000000453,
             transients: [(0.5, 0.9999999798356589980313, 2.0164341001968706827e-8, 1.7828056875323485735e-8),
                          (5, 0.9999999738369459954602, 2.6163054004539753259e-8, 2.4190430825443593821e-8),
                          (100, 0.9999999737695545302434, 2.6230445469756641996e-8, 2.612777082468331525e-8)]),
        Case(description: "warm, c = 0.9, δ = 12, β = 4, r = 1",
             parameters: .init(failureRate: 1e-5, standbyFailureRate: 2.5e-6, repairRate: 0.5, coverage: 0.9, switchover: .rate(12),
                               crews: 1, manualRecoveryRate: 4),
             unavailability: 9.4268425387184239247e-7, mttf: 99999.99999999999182,
             transients: [(0.5, 0.9999990825833846085383, 9.1741661539146167117e-7, 7.3889051491039199087e-7),
                          (5, 0.9999990574561068043228, 9.4254389319567721281e-7, 9.209762300706785597e-7),
                          (100, 0.9999990573157461281576, 9.4268425387184239247e-7, 9.4159522460620071879e-7)]),
        Case(description: "cold with failback δ_fb = 30, δ = 60, r = 1",
             parameters: .init(failureRate: 1e-6, standbyFailureRate: 0, repairRate: 1, switchover: .rate(60), failbackRate: 30),
             unavailability: 4.9181227894847455373e-8, mttf: 1000000.0000000000453,
             transients: [(0.5, 0.9999999717344493753851, 2.82655506246149118e-8, 2.1638020230575825092e-8),
                          (5, 0.9999999510511524927664, 4.8948847507233620042e-8, 4.2290136077513253114e-8),
                          (100, 0.9999999508187721051525, 4.9181227894847455373e-8, 4.883434943745121101e-8)]),
        Case(description: "warm with failback δ_fb = 6, c = 0.95, δ = 60, β = 2, r = 2",
             parameters: .init(failureRate: 1e-4, standbyFailureRate: 5e-5, repairRate: 0.2, coverage: 0.95, switchover: .rate(60),
                               crews: 2, manualRecoveryRate: 2, failbackRate: 6),
             unavailability: 0.000020558248582491189128, mttf: 9999.9999999999995208,
             transients: [(0.5, 0.9999958975108707814866, 4.1024891292185133559e-6, 2.810426014519590404e-6),
                          (5, 0.9999858855816703937603, 0.000014114418329606239656, 9.3375704338990168817e-6),
                          (100, 0.9999794417514534043406, 0.00002055824854659565944, 0.000019674575064310667763)]),
        Case(description: "hot, instantaneous, r = 1, λ = 1e-6",
             parameters: .init(failureRate: 1e-6, standbyFailureRate: 1e-6, repairRate: 1),
             unavailability: 1.999996000003999819e-12, mttf: 500001500000.00004525,
             transients: [(0.5, 0.999999999999819592062, 1.8040793803929950927e-13, 6.5306574608078372503e-14),
                          (5, 0.9999999999980808591461, 1.9191408538756041571e-12, 1.2188642201558014061e-12),
                          (100, 0.999999999998000004, 1.999996000003999819e-12, 1.9599961000039198225e-12)]),
        Case(description: "warm, instantaneous, r = 2, λ = 1e-7",
             parameters: .init(failureRate: 1e-7, standbyFailureRate: 3e-8, repairRate: 1, crews: 2),
             unavailability: 6.4999991550000669455e-15, mttf: 76923094615384.62313,
             transients: [(0.5, 0.9999999999999989936822, 1.0063177568532790433e-15, 3.7858077518548444774e-16),
                          (5, 0.999999999999993587299, 6.4127009738382905009e-15, 4.5674886581266469873e-15),
                          (100, 0.9999999999999935000008, 6.4999991550000669455e-15, 6.4024991728750652231e-15)]),
    ]

    @Test(arguments: cases) func matchesReference(_ c: Case) throws {
        let model = try ActiveStandby(c.parameters)
        var worst = (u: 0.0, mttf: 0.0, a: 0.0, ut: 0.0, iu: 0.0, sq: 0.0)
        let u = try model.unavailability()
        worst.u = relativeError(u, c.unavailability)
        expectClose(u, c.unavailability, relative: Bar.unavailability, "U")
        let mttf = try model.meanTimeToFailure()
        worst.mttf = relativeError(mttf, c.mttf)
        expectClose(mttf, c.mttf, relative: Bar.mttf, "MTTF")
        for (t, a, ut, iu) in c.transients {
            let at = try model.availability(at: t)
            expectClose(at, a, relative: Bar.transientAvailability, "A(\(t))")
            expectClose(try model.unavailability(at: t), ut, relative: Bar.unavailability, "U(\(t))")
            expectClose(try model.intervalUnavailability(over: t), iu, relative: Bar.unavailability, "U[0,\(t)]")
            expectClose(try model.availability(at: t, method: .matrixExponential), a, relative: Bar.transientAvailability, "expm A(\(t))")
            // The squared-kernel path used for stiff long horizons, forced here on the same cases.
            let squared = model.chain.squaredUniformization(t, model.chain.pointMass(at: model.initialState))
            let downT = model.downStates.sorted().reduce(0) { $0 + squared.point[$1] }
            let upT = model.upStates.sorted().reduce(0) { $0 + squared.point[$1] }
            let downI = model.downStates.sorted().reduce(0) { $0 + squared.average[$1] }
            expectClose(upT, a, relative: Bar.transientAvailability, "squared A(\(t))")
            expectClose(downT, ut, relative: Bar.unavailability, "squared U(\(t))")
            expectClose(downI, iu, relative: Bar.unavailability, "squared U[0,\(t)]")
            worst.sq = max(worst.sq, relativeError(downT, ut), relativeError(downI, iu))
            worst.a = max(worst.a, relativeError(at, a))
            worst.ut = max(worst.ut, relativeError(try model.unavailability(at: t), ut))
            worst.iu = max(worst.iu, relativeError(try model.intervalUnavailability(over: t), iu))
        }
        print("reference \(c): relative errors U \(worst.u) MTTF \(worst.mttf) A(t) \(worst.a) U(t) \(worst.ut) U[0,t] \(worst.iu) squared U \(worst.sq)")
    }
}

/* The script that produced the reference values (Python 3, mpmath 1.x):

import mpmath as mp
mp.mp.dps = 60
f = lambda x: mp.mpf(float(x))
def chain(states, trans):
    n=len(states); idx={s:i for i,s in enumerate(states)}
    Q=mp.matrix(n,n)
    for a,b,r in trans:
        if r==0: continue
        Q[idx[a],idx[b]]+=r
    for i in range(n):
        Q[i,i]=-sum(Q[i,j] for j in range(n) if j!=i)
    return Q
def plain(l,ls,mu,c,d,r,b):
    l,ls,mu,c,d,b=map(f,(l,ls,mu,c,d,b))
    st=["2","S","1","U","0"]
    tr=[("2","S",c*l),("2","1",ls),("2","U",(1-c)*l),("S","2",mu),("S","1",d),("S","0",ls),("1","2",mu),("1","0",l),("U","2",mu),("U","1",b),("U","0",ls),("0","1",r*mu)]
    return st,chain(st,tr),{"2","1"}
def fb(l,ls,mu,c,d,r,b,fbr):
    l,ls,mu,c,d,b,fbr=map(f,(l,ls,mu,c,d,b,fbr))
    st=["2","S","U","1P","1B","FB","FB1","0P","0B"]
    tr=[("2","S",c*l),("2","U",(1-c)*l),("2","1P",ls),("S","2",mu),("S","1B",d),("S","0P",ls),("U","2",mu),("U","1B",b),("U","0P",ls),
        ("1P","2",mu),("1P","0B",l),("1B","FB",mu),("1B","0P",l),("FB","2",fbr),("FB","1B",ls),("FB","FB1",l),("FB1","1P",fbr),("FB1","0B",ls),("FB1","FB",mu)]
    tr += [("0P","1P",mu),("0B","1B",mu)] if r==1 else [("0P","1P",mu),("0P","1B",mu),("0B","1P",mu),("0B","1B",mu)]
    return st,chain(st,tr),{"2","1P","1B"}
def measures(st,Q,up,ts):
    n=len(st)
    A=Q.T.copy(); 
    for j in range(n): A[n-1,j]=1
    bvec=mp.matrix(n,1); bvec[n-1]=1
    pi=mp.lu_solve(A,bvec)
    down=[i for i,s in enumerate(st) if s not in up]; upi=[i for i,s in enumerate(st) if s in up]
    U=sum(pi[i] for i in down)
    m=len(upi); M=mp.matrix(m,m)
    for a,i in enumerate(upi):
        for bb,j in enumerate(upi): M[a,bb]=-Q[i,j]
    mt=mp.lu_solve(M,mp.matrix([1]*m))
    mttf=mt[upi.index(0)]
    out=[]
    for t in ts:
        B=mp.matrix(2*n,2*n)
        for i in range(n):
            for j in range(n): B[i,j]=Q[i,j]*t
            B[i,n+i]=t
        E=mp.expm(B)
        Ut=sum(E[0,i] for i in down); At=sum(E[0,i] for i in upi)
        IU=sum(E[0,n+i] for i in down)/t
        out.append((t,At,Ut,IU))
    return U,mttf,out
cases=[("hot pair, c = 0.99, δ = 60, r = 2", plain(1e-6,1e-6,1.0,0.99,60.0,2,0.0)),
       ("warm, c = 0.9, δ = 12, β = 4, r = 1", plain(1e-5,2.5e-6,0.5,0.9,12.0,1,4.0)),
       ("cold with failback δ_fb = 30, δ = 60, r = 1", fb(1e-6,0.0,1.0,1.0,60.0,1,0.0,30.0)),
       ("warm with failback δ_fb = 6, c = 0.95, δ = 60, β = 2, r = 2", fb(1e-4,5e-5,0.2,0.95,60.0,2,2.0,6.0))]
for name,(st,Q,up) in cases:
    U,mttf,out=measures(st,Q,up,[0.5,5.0,100.0])
    print(name, mp.nstr(U,20), mp.nstr(mttf,20))
    for t,At,Ut,IU in out: print("  ",t,mp.nstr(At,22),mp.nstr(Ut,20),mp.nstr(IU,20))
print("----")
def instant(l,ls,mu,r):
    l,ls,mu=map(f,(l,ls,mu))
    st=["2","1","0"]
    tr=[("2","1",l+ls),("1","2",mu),("1","0",l),("0","1",r*mu)]
    return st,chain(st,tr),{"2","1"}
for name,(st,Q,up) in [("hot, instantaneous, r = 1, λ = 1e-6", instant(1e-6,1e-6,1.0,1)),("warm, instantaneous, r = 2, λ = 1e-7", instant(1e-7,3e-8,1.0,2))]:
    U,mttf,out=measures(st,Q,up,[0.5,5.0,100.0])
    print(name, mp.nstr(U,20), mp.nstr(mttf,20))
    for t,At,Ut,IU in out: print("  ",t,mp.nstr(At,22),mp.nstr(Ut,20),mp.nstr(IU,20))
*/
