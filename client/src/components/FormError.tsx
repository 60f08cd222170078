/** Why a form was refused: one message, and the server's list of reasons when it gave one. */
export function FormError({ message, problems = [] }: { message: string | null; problems?: string[] }) {
  if (message === null) return null;
  return (
    <div className="form-error" role="alert">
      <p className="form-error-message">{message}</p>
      {problems.length > 0 && (
        <ul className="form-error-problems">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
    </div>
  );
}
