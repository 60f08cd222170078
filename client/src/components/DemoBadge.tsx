/** Nobody may mistake the simulator for the real floor: loud, and in words. */
export function DemoBadge() {
  return (
    <div className="demo-badge" role="note">
      <span className="demo-badge-tag">DEMO</span>
      <span>Demo — simulated floor</span>
    </div>
  );
}
