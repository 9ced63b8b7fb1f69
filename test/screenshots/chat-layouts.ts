/** A label the app prints itself, in the phone's language (English, Chinese, Spanish). */
export interface AppLabel {
  en: string;
  zh: string;
  es: string;
}

/** The look of one chat app in one mode, as far as the generated screenshots imitate it. */
export interface ChatLayout {
  app: 'wechat' | 'whatsapp' | 'line' | 'sms' | 'imessage';
  mode: 'light' | 'dark';
  /** Screen width in points and the pixel scale (a 390 pt × 3 phone gives 1170 px). */
  width: number;
  height: number;
  scale: number;
  background: string;
  statusText: string;
  header: { background: string; text: string; align: 'center' | 'left'; subtitle?: string };
  left: { fill: string; text: string };
  right: { fill: string; text: string };
  timestamp: string;
  radius: number;
  fontSize: number;
  /** Square avatars beside the bubbles (WeChat: both sides; LINE: the other party's only). */
  avatars: 'none' | 'both' | 'left';
  /** Where the sending time goes: a centred row only, inside the bubble (WhatsApp), beside it (LINE). */
  bubbleTime: 'none' | 'inside' | 'beside';
  /** Small status under the last right bubble ("Delivered"), per script. */
  receipt?: AppLabel;
  input: { background: string; field: string; placeholder?: AppLabel };
}

/** Every layout the generator renders: five apps, light and dark. */
export const CHAT_LAYOUTS: readonly ChatLayout[] = [
  {
    app: 'wechat', mode: 'light', width: 360, height: 780, scale: 3, background: '#EDEDED', statusText: '#000000',
    header: { background: '#EDEDED', text: '#191919', align: 'center' },
    left: { fill: '#FFFFFF', text: '#191919' }, right: { fill: '#95EC69', text: '#191919' },
    timestamp: '#B2B2B2', radius: 4, fontSize: 17, avatars: 'both', bubbleTime: 'none',
    input: { background: '#F7F7F7', field: '#FFFFFF' },
  },
  {
    app: 'wechat', mode: 'dark', width: 360, height: 780, scale: 3, background: '#111111', statusText: '#FFFFFF',
    header: { background: '#111111', text: '#D5D5D5', align: 'center' },
    left: { fill: '#2C2C2C', text: '#D5D5D5' }, right: { fill: '#3EB575', text: '#111111' },
    timestamp: '#5F5F5F', radius: 4, fontSize: 17, avatars: 'both', bubbleTime: 'none',
    input: { background: '#1E1E1E', field: '#2C2C2C' },
  },
  {
    app: 'whatsapp', mode: 'light', width: 360, height: 780, scale: 3, background: '#EFEAE2', statusText: '#FFFFFF',
    header: { background: '#008069', text: '#FFFFFF', align: 'left', subtitle: 'online' },
    left: { fill: '#FFFFFF', text: '#111B21' }, right: { fill: '#D9FDD3', text: '#111B21' },
    timestamp: '#54656F', radius: 8, fontSize: 16, avatars: 'none', bubbleTime: 'inside',
    input: { background: '#EFEAE2', field: '#FFFFFF', placeholder: { en: 'Message', zh: '消息', es: 'Mensaje' } },
  },
  {
    app: 'whatsapp', mode: 'dark', width: 360, height: 780, scale: 3, background: '#0B141A', statusText: '#FFFFFF',
    header: { background: '#202C33', text: '#E9EDEF', align: 'left', subtitle: 'online' },
    left: { fill: '#202C33', text: '#E9EDEF' }, right: { fill: '#005C4B', text: '#E9EDEF' },
    timestamp: '#8696A0', radius: 8, fontSize: 16, avatars: 'none', bubbleTime: 'inside',
    input: { background: '#0B141A', field: '#202C33', placeholder: { en: 'Message', zh: '消息', es: 'Mensaje' } },
  },
  {
    app: 'line', mode: 'light', width: 390, height: 844, scale: 3, background: '#8CABD9', statusText: '#000000',
    header: { background: '#8CABD9', text: '#111111', align: 'center' },
    left: { fill: '#FFFFFF', text: '#111111' }, right: { fill: '#8DE055', text: '#111111' },
    timestamp: '#1F3357', radius: 18, fontSize: 16, avatars: 'left', bubbleTime: 'beside',
    input: { background: '#FFFFFF', field: '#F2F2F2', placeholder: { en: 'Aa', zh: 'Aa', es: 'Aa' } },
  },
  {
    app: 'line', mode: 'dark', width: 390, height: 844, scale: 3, background: '#1E2228', statusText: '#FFFFFF',
    header: { background: '#1E2228', text: '#EEEEEE', align: 'center' },
    left: { fill: '#31363E', text: '#EEEEEE' }, right: { fill: '#5FBE3C', text: '#111111' },
    timestamp: '#8A93A0', radius: 18, fontSize: 16, avatars: 'left', bubbleTime: 'beside',
    input: { background: '#1E2228', field: '#31363E', placeholder: { en: 'Aa', zh: 'Aa', es: 'Aa' } },
  },
  {
    app: 'sms', mode: 'light', width: 360, height: 780, scale: 3, background: '#FFFFFF', statusText: '#1F1F1F',
    header: { background: '#FFFFFF', text: '#1F1F1F', align: 'left' },
    left: { fill: '#F0F2F5', text: '#1F1F1F' }, right: { fill: '#D3E3FD', text: '#041E49' },
    timestamp: '#5F6368', radius: 20, fontSize: 16, avatars: 'none', bubbleTime: 'none',
    input: { background: '#FFFFFF', field: '#F0F2F5', placeholder: { en: 'Text message', zh: '短信', es: 'Mensaje de texto' } },
  },
  {
    app: 'sms', mode: 'dark', width: 360, height: 780, scale: 3, background: '#131314', statusText: '#E3E3E3',
    header: { background: '#131314', text: '#E3E3E3', align: 'left' },
    left: { fill: '#303134', text: '#E3E3E3' }, right: { fill: '#0842A0', text: '#D3E3FD' },
    timestamp: '#9AA0A6', radius: 20, fontSize: 16, avatars: 'none', bubbleTime: 'none',
    input: { background: '#131314', field: '#303134', placeholder: { en: 'Text message', zh: '短信', es: 'Mensaje de texto' } },
  },
  {
    app: 'imessage', mode: 'light', width: 390, height: 844, scale: 3, background: '#FFFFFF', statusText: '#000000',
    header: { background: '#F6F6F6', text: '#000000', align: 'center' },
    left: { fill: '#E9E9EB', text: '#000000' }, right: { fill: '#0A84FF', text: '#FFFFFF' },
    timestamp: '#8E8E93', radius: 18, fontSize: 17, avatars: 'none', bubbleTime: 'none',
    receipt: { en: 'Delivered', zh: '已送达', es: 'Entregado' },
    input: { background: '#FFFFFF', field: '#FFFFFF', placeholder: { en: 'iMessage', zh: 'iMessage', es: 'iMessage' } },
  },
  {
    app: 'imessage', mode: 'dark', width: 390, height: 844, scale: 3, background: '#000000', statusText: '#FFFFFF',
    header: { background: '#1C1C1E', text: '#FFFFFF', align: 'center' },
    left: { fill: '#262628', text: '#FFFFFF' }, right: { fill: '#0A84FF', text: '#FFFFFF' },
    timestamp: '#8E8E93', radius: 18, fontSize: 17, avatars: 'none', bubbleTime: 'none',
    receipt: { en: 'Delivered', zh: '已送达', es: 'Entregado' },
    input: { background: '#000000', field: '#000000', placeholder: { en: 'iMessage', zh: 'iMessage', es: 'iMessage' } },
  },
];
