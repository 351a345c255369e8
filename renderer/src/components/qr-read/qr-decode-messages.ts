/** A camera frame sent to the decode worker; `pixels` is RGBA and transferred, not copied. */
export interface DecodeRequest {
  id: number;
  width: number;
  height: number;
  pixels: ArrayBuffer;
}

/** `text` null: no readable QR code in that frame. `failed`: the decoder itself broke. */
export interface DecodeReply {
  id: number;
  text: string | null;
  failed?: true;
}
