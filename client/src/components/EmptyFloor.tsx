/** A whole-board message (connecting, nothing happened yet) instead of empty panels. */
export function EmptyFloor({ message, detail }: { message: string; detail?: string }) {
  return (
    <div className="empty-floor" role="status">
      <p className="empty-floor-message">{message}</p>
      {detail !== undefined && <p className="empty-floor-detail">{detail}</p>}
    </div>
  );
}
