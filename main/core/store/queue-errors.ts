/** Thrown when a method is given the id of a row the queue does not hold. */
export class UnknownRecordingError extends Error {
  override readonly name = 'UnknownRecordingError';
  readonly recordingId: number;

  constructor(recordingId: number) {
    super(`the queue holds no recording with id ${recordingId}`);
    this.recordingId = recordingId;
  }
}

/** Thrown when `list` is given a cursor it did not hand out. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';

  constructor() {
    super('the paging cursor is not one this queue handed out');
  }
}
